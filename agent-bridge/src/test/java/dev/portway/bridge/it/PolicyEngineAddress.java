package dev.portway.bridge.it;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks the test field that receives the host:port the bridge under test calls for the policy-engine. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface PolicyEngineAddress {}
