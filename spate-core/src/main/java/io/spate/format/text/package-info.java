/**
 * Text underneath the text formats: strict decoding that reports invalid bytes with their place
 * ({@link io.spate.format.text.DecodedText}), TXT records (one {@code line} per record) and line-aligned
 * byte ranges ({@link io.spate.format.text.LineBoundaryFinder}).
 */
package io.spate.format.text;
