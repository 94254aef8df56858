/** Avro object container files, typed from their schema: {@link io.spate.format.avro.AvroRecordReader}. */
package io.spate.format.avro;
