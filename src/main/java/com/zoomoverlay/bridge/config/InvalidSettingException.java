package com.zoomoverlay.bridge.config;

/**
 * A configuration value that is missing or malformed. The message names the environment variable
 * and what is wrong with it, never the value itself (it may be a secret).
 */
public final class InvalidSettingException extends RuntimeException {

    private final String variable;

    public InvalidSettingException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
