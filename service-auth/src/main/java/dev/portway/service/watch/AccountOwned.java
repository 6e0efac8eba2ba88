package dev.portway.service.watch;

/** A record that belongs to one account: a watcher with a user authtoken sees only its own account's records. */
public interface AccountOwned {

    String account();
}
