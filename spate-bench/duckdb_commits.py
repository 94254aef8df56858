"""DuckDB alone: how fast it takes the orders rows when they are committed every N rows.

The ceiling of any loader that commits (checkpoints) every N rows into a DuckDB file: the same 12 columns as
the sdk-duckdb scenario, from an in-memory table into a database file, one thread, a COMMIT every N rows,
with DuckDB's default row groups and with the 32,768-row groups spate's warehouse uses.

    python3 spate-bench/duckdb_commits.py [ROWS=3000000] [N ...=50000 100000]
"""
import os
import sys
import tempfile
import time

import duckdb


def rows_per_second(rows, commit_every, row_group_size, path):
    for leftover in (path, path + ".wal"):
        if os.path.exists(leftover):
            os.remove(leftover)
    con = duckdb.connect()
    con.execute("SET threads = 1")
    con.execute("SET preserve_insertion_order = false")
    con.execute(f"""CREATE TABLE src AS SELECT i AS order_id, i % 100000 AS customer_id,
        TIMESTAMP '2024-01-01' + INTERVAL (i) SECOND AS order_ts, (i % 100000) / 100::DECIMAL(12,2) AS amount,
        (i % 10)::INT AS quantity, (i % 7) / 10.0::DOUBLE AS discount, 'shipped' AS status, 'DE' AS country,
        i % 2 = 0 AS is_member, 'note number ' || i AS note, 'orders.csv' AS _spate_file, i AS _spate_line
        FROM range({rows}) t(i)""")
    option = f" (ROW_GROUP_SIZE {row_group_size})" if row_group_size else ""
    con.execute(f"ATTACH '{path}' AS w{option}")
    con.execute("CREATE TABLE w.orders AS SELECT * FROM src LIMIT 0")
    start = time.time()
    for first in range(0, rows, commit_every):
        con.execute("BEGIN")
        con.execute(f"INSERT INTO w.orders SELECT * FROM src WHERE order_id >= {first} AND order_id < {first + commit_every}")
        con.execute("COMMIT")
    elapsed = time.time() - start
    con.close()
    return rows / elapsed


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 3_000_000
    sizes = [int(n) for n in sys.argv[2:]] or [50_000, 100_000]
    with tempfile.TemporaryDirectory() as work:
        path = os.path.join(work, "commits.duckdb")
        print("commit every | default row groups (122,880) | row groups of 32,768")
        for n in sizes:
            default = rows_per_second(rows, n, None, path)
            small = rows_per_second(rows, n, 32_768, path)
            print(f"{n:>12,} | {default:>15,.0f} rows/s | {small:>12,.0f} rows/s")


if __name__ == "__main__":
    main()
