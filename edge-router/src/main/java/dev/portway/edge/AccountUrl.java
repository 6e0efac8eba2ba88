package dev.portway.edge;

/**
 * An endpoint URL together with the account it belongs to. A public URL ({@code tcp://host:port}) names one
 * address, but an internal URL ({@code tcp://svc.internal:8443}) is only unique within its account: two accounts
 * may each bind the same one. Whatever is kept per endpoint URL across accounts (metric series) is keyed by this.
 */
record AccountUrl(String account, String url) {
}
