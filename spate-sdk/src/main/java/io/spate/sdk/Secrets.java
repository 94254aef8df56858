package io.spate.sdk;

import java.util.Collection;
import java.util.Locale;

/**
 * The one place that decides what is secret. A configuration key is sensitive when its option says so,
 * or when its name contains {@code secret}, {@code password}, {@code token} or {@code key} (but an id,
 * such as {@code aws_access_key_id}, or a name like {@code primary_key} is not).
 */
public final class Secrets {
    /** What a secret value is shown as. */
    public static final String MASK = "****";

    private Secrets() {
    }

    public static boolean isSensitiveKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("secret") || k.contains("password") || k.contains("passwd") || k.contains("token")
                || k.contains("credential")) {
            return true;
        }
        if (!k.contains("key")) {
            return false;
        }
        boolean isId = k.endsWith("_id") || k.endsWith("keyid");
        boolean isColumnOrPathKey = k.equals("key") || k.endsWith("primary_key") || k.endsWith("replication_key")
                || k.endsWith("_keys") || k.equals("keys_from") || k.endsWith("partition_key") || k.equals("s3_key")
                || k.equals("object_key") || k.equals("sort_key");
        return !isId && !isColumnOrPathKey;
    }

    /** {@code text} with every occurrence of each non-blank secret value replaced by {@link #MASK}. */
    public static String redact(String text, Collection<String> secretValues) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secretValues) {
            if (secret != null && secret.length() >= 3) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
