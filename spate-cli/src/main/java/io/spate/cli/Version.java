package io.spate.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest (the Maven project version), or "development". */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = Spate.class.getPackage().getImplementationVersion();
        return new String[] {"spate " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
