#!/usr/bin/env python3
"""The tools spate is compared with, each run the way people reasonably run it today.

Side-by-side comparison only: never a spate dependency. Called by spate-bench/bench, one tool per process
(so that /usr/bin/time measures exactly that tool). Every command prints `rows=N` as its last line.

  compare.py polars-sink CSV OUT.parquet           pl.scan_csv(CSV).sink_parquet(OUT, zstd)
  compare.py polars-collect CSV                    pl.read_csv(CSV)
  compare.py duckdb-ctas CSV DB                    CREATE TABLE orders AS SELECT * FROM read_csv(CSV)
  compare.py boto3-jsonl ENDPOINT BUCKET PREFIX DB ThreadPoolExecutor(4): GET, gunzip, parse, insert into DuckDB
  compare.py duckdb-parquet OUT_DIR CSV...         per file COPY (SELECT * FROM read_csv(f)) TO parquet (zstd)
  compare.py pandas-convert OUT_DIR CSV...         per file pandas.read_csv -> pyarrow Parquet (zstd) + fastavro (deflate)
  compare.py psycopg-duckdb PORT DB                server-side cursor, 50,000 rows a fetch, Arrow batches into DuckDB
  compare.py polars-batched URL API_KEY DB         download the body, pl.read_csv_batched into DuckDB
  compare.py count DB TABLE                        rows of TABLE (any schema) in a DuckDB file
"""
import gzip
import json
import os
import shutil
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed

ACCESS_KEY = "bench-access"  # S3Server.ACCESS_KEY
SECRET_KEY = "bench-secret-key"  # S3Server.SECRET_KEY


def polars_sink(csv, out):
    import polars as pl
    pl.scan_csv(csv).sink_parquet(out, compression="zstd")
    import pyarrow.parquet as pq
    return pq.ParquetFile(out).metadata.num_rows


def polars_collect(csv):
    import polars as pl
    return pl.read_csv(csv).height


def duckdb_ctas(csv, db):
    import duckdb
    con = duckdb.connect(db)
    con.execute("CREATE TABLE orders AS SELECT * FROM read_csv(?)", [csv])
    rows = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    con.close()
    return rows


def boto3_jsonl(endpoint, bucket, prefix, db):
    """The script people write today: list, then 4 threads each GET a file, gunzip it and parse its lines;
    the main thread inserts each file's rows into DuckDB as an Arrow table."""
    import boto3
    import duckdb
    import pyarrow as pa
    s3 = boto3.client("s3", endpoint_url=endpoint, aws_access_key_id=ACCESS_KEY,
                      aws_secret_access_key=SECRET_KEY, region_name="us-east-1")
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [o["Key"] for o in page.get("Contents", [])]

    def read(key):
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        rows = [json.loads(line) for line in gzip.decompress(body).splitlines() if line]
        return pa.Table.from_pylist(rows)

    con = duckdb.connect(db)
    created = False
    with ThreadPoolExecutor(4) as pool:
        for done in as_completed([pool.submit(read, k) for k in keys]):
            batch = done.result()
            if not created:
                con.execute("CREATE TABLE orders AS SELECT * FROM batch")
                created = True
            else:
                con.execute("INSERT INTO orders SELECT * FROM batch")
    rows = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    con.close()
    return rows


def duckdb_parquet(out_dir, csvs):
    import duckdb
    con = duckdb.connect()
    rows = 0
    for csv in csvs:
        out = os.path.join(out_dir, os.path.basename(csv).split(".")[0] + ".parquet")
        con.execute(f"COPY (SELECT * FROM read_csv('{csv}')) TO '{out}' (FORMAT parquet, COMPRESSION zstd)")
        rows += con.execute(f"SELECT count(*) FROM '{out}'").fetchone()[0]
    return rows


ORDERS_AVRO = {
    "type": "record", "name": "orders", "fields": [
        {"name": "order_id", "type": ["null", "long"]},
        {"name": "customer_id", "type": ["null", "long"]},
        {"name": "order_ts", "type": ["null", {"type": "long", "logicalType": "timestamp-micros"}]},
        {"name": "amount", "type": ["null", "double"]},
        {"name": "quantity", "type": ["null", "long"]},
        {"name": "discount", "type": ["null", "double"]},
        {"name": "status", "type": ["null", "string"]},
        {"name": "country", "type": ["null", "string"]},
        {"name": "is_member", "type": ["null", "boolean"]},
        {"name": "note", "type": ["null", "string"]},
    ]}


def pandas_convert(out_dir, csvs):
    """The Lambda way: one file at a time, in memory; pandas reads, pyarrow writes Parquet, fastavro Avro."""
    import fastavro
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = fastavro.parse_schema(ORDERS_AVRO)
    rows = 0
    for csv in csvs:
        name = os.path.join(out_dir, os.path.basename(csv).split(".")[0])
        df = pd.read_csv(csv, parse_dates=["order_ts"])
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), name + ".parquet", compression="zstd")
        records = df.astype(object).where(df.notna(), None).to_dict("records")
        with open(name + ".avro", "wb") as out:
            fastavro.writer(out, schema, records, codec="deflate")
        rows += len(df)
    return rows


def psycopg_duckdb(port, db):
    """A server-side cursor fetching 50,000 rows at a time, each batch turned into Arrow and inserted."""
    import duckdb
    import psycopg2
    import pyarrow as pa
    pg = psycopg2.connect(host="127.0.0.1", port=int(port), user="postgres", dbname="postgres")
    cur = pg.cursor(name="orders_cursor")
    cur.itersize = 50_000
    cur.execute("SELECT * FROM public.orders")
    con = duckdb.connect(db)
    created = False
    rows = 0
    while True:
        batch = cur.fetchmany(50_000)
        if not batch:
            break
        names = [d.name for d in cur.description]
        arrow_batch = pa.Table.from_arrays([pa.array(col) for col in zip(*batch)], names=names)
        if not created:
            con.execute("CREATE TABLE orders AS SELECT * FROM arrow_batch")
            created = True
        else:
            con.execute("INSERT INTO orders SELECT * FROM arrow_batch")
        rows += len(batch)
    cur.close()
    pg.close()
    rows = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    con.close()
    return rows


def polars_batched(url, api_key, db):
    """The Polars approach of the high-volume CSV example: save the body, read it in batches, load each."""
    import duckdb
    import polars as pl
    request = urllib.request.Request(url, headers={"Authorization": "apiKey " + api_key})
    with tempfile.NamedTemporaryFile(suffix=".csv", dir=os.path.dirname(os.path.abspath(db))) as body:
        with urllib.request.urlopen(request, timeout=60) as response:
            shutil.copyfileobj(response, body, 1 << 20)
        body.flush()
        reader = pl.read_csv_batched(body.name, batch_size=100_000, low_memory=True)
        con = duckdb.connect(db)
        created = False
        while True:
            batches = reader.next_batches(10)
            if not batches:
                break
            for df in batches:
                if not created:
                    con.execute("CREATE TABLE orders AS SELECT * FROM df")
                    created = True
                else:
                    con.execute("INSERT INTO orders SELECT * FROM df")
    rows = con.execute("SELECT count(*) FROM orders").fetchone()[0]
    con.close()
    return rows


def count(db, table):
    import duckdb
    con = duckdb.connect(db, read_only=True)
    con.execute("SET enable_progress_bar = false")
    found = con.execute("SELECT table_schema FROM information_schema.tables WHERE table_name = ?", [table]).fetchall()
    if len(found) != 1:
        raise SystemExit(f"{db}: expected one table {table}, found {len(found)}")
    rows = con.execute(f'SELECT count(*) FROM "{found[0][0]}"."{table}"').fetchone()[0]
    con.close()
    return rows


COMMANDS = {
    "polars-sink": lambda a: polars_sink(a[0], a[1]),
    "polars-collect": lambda a: polars_collect(a[0]),
    "duckdb-ctas": lambda a: duckdb_ctas(a[0], a[1]),
    "boto3-jsonl": lambda a: boto3_jsonl(a[0], a[1], a[2], a[3]),
    "duckdb-parquet": lambda a: duckdb_parquet(a[0], a[1:]),
    "pandas-convert": lambda a: pandas_convert(a[0], a[1:]),
    "psycopg-duckdb": lambda a: psycopg_duckdb(a[0], a[1]),
    "polars-batched": lambda a: polars_batched(a[0], a[1], a[2]),
    "count": lambda a: count(a[0], a[1]),
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        raise SystemExit(__doc__)
    print(f"rows={COMMANDS[sys.argv[1]](sys.argv[2:])}")
