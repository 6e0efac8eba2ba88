package dev.portway.policyengine.store;

/** The store refused an insert because a cloud endpoint already has this URL. */
public class UrlTakenException extends RuntimeException {

    private final String url;

    public UrlTakenException(String url, Throwable cause) {
        super(url + " already has a cloud endpoint", cause);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
