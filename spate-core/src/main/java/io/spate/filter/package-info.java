/**
 * Row filters: the {@code filter:} option every source accepts.
 *
 * <p>{@link io.spate.filter.Filter#parse(String)} turns the text into an immutable {@link
 * io.spate.filter.Expression} once. From it a source can {@linkplain io.spate.filter.Filter#bind(java.util.List)
 * test rows} while reading, {@linkplain io.spate.filter.Filter#canMatch(java.util.Map, java.util.Set) skip
 * files} whose hive partition values cannot match, and {@linkplain io.spate.filter.Filter#toSql(java.util.function.Function)
 * push the predicate into SQL} with bound parameters. The grammar and semantics are in {@code docs/filters.md}.
 */
package io.spate.filter;
