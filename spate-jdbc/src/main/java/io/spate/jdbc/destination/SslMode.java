package io.spate.jdbc.destination;

import java.util.Locale;

/** pgjdbc's {@code sslmode}, as the {@code ssl_mode} option names it. */
enum SslMode {
    DISABLE, ALLOW, PREFER, REQUIRE, VERIFY_CA, VERIFY_FULL;

    /** The driver's spelling: {@code verify-full}. */
    String driverValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
