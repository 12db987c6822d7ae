package io.hyperindex.gateway.ops.config;

import java.util.List;

/**
 * A configuration that cannot run. Each problem names the field, e.g.
 * {@code instruments[2].tickSize: must be a positive decimal (got "-0.1")}.
 */
public final class InvalidConfigException extends Exception {
    private final List<String> problems;

    public InvalidConfigException(List<String> problems) {
        super(String.join("\n", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid config has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, in file order. */
    public List<String> problems() {
        return problems;
    }
}
