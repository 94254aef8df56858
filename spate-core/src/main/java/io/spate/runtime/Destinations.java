package io.spate.runtime;

import io.spate.destination.DestinationProvider;
import io.spate.sdk.SpateException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds destination providers by name through {@link ServiceLoader}. */
public final class Destinations {
    private Destinations() {
    }

    public static List<DestinationProvider> available() {
        List<DestinationProvider> found = new ArrayList<>();
        ServiceLoader.load(DestinationProvider.class, Destinations.class.getClassLoader()).forEach(found::add);
        return found;
    }

    public static DestinationProvider find(String name) {
        for (DestinationProvider provider : available()) {
            if (provider.name().equals(name)) {
                return provider;
            }
        }
        throw SpateException.config("unknown destination connector \"" + name + "\": use one of "
                + available().stream().map(DestinationProvider::name).sorted().collect(Collectors.joining(", ")));
    }
}
