package io.spate.runtime;

import io.spate.sdk.Connector;
import io.spate.sdk.SpateException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds connectors by name ({@link ServiceLoader}) or by class name. */
public final class Connectors {
    private Connectors() {
    }

    /** The connectors on the class path, by {@link Connector#name()}. */
    public static List<Connector> available() {
        List<Connector> found = new ArrayList<>();
        ServiceLoader.load(Connector.class, classLoader()).forEach(found::add);
        return found;
    }

    public static Connector find(String nameOrClassName) {
        for (Connector connector : available()) {
            if (connector.name().equals(nameOrClassName)) {
                return connector;
            }
        }
        if (nameOrClassName.contains(".")) {
            return instantiate(nameOrClassName);
        }
        throw SpateException.config("unknown connector \"" + nameOrClassName + "\": use one of "
                + available().stream().map(Connector::name).sorted().collect(Collectors.joining(", "))
                + ", or the class name of a connector on the class path");
    }

    /**
     * Checks a connector's configuration: its declared options and its own rules between them, every
     * problem in one CONFIG error. Returns the keys no option declares (for a warning).
     */
    public static List<String> validate(Connector connector, io.spate.sdk.Configuration config) {
        return config.validate(connector.options(), Sync.PIPELINE_KEYS, connector.validate(config));
    }

    private static Connector instantiate(String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException e) {
            throw SpateException.config("connector class " + className + " is not on the class path");
        }
        if (!Connector.class.isAssignableFrom(type)) {
            throw SpateException.config("class " + className + " does not implement " + Connector.class.getName());
        }
        try {
            return (Connector) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw SpateException.config("connector class " + className + " needs a public no-argument constructor ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : Connectors.class.getClassLoader();
    }
}
