/** JSON and JSON Lines records through Jackson's streaming parser: {@link io.spate.format.json.JsonRecordReader}. */
package io.spate.format.json;
