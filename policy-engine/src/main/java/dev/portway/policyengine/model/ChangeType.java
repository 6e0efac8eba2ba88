package dev.portway.policyengine.model;

public enum ChangeType {
    CREATED,
    UPDATED,
    DELETED
}
