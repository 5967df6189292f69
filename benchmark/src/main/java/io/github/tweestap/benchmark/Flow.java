package io.github.tweestap.benchmark;

/** The login flows the benchmark compares: Keycloak's own (the baseline) and each portal's. */
enum Flow {
    BASELINE("keycloak password+otp", "tweestap-bench"),
    STORINGEN("storingen-stations", "storingen-stations"),
    NSE("nse-portal", "nse-portal"),
    WERKNEMERLOKET("werknemerloket", "werknemerloket"),
    VERZUIMCOACH("verzuimcoach choice+code", "verzuimcoach"),
    WERKPLEK_PUSH("werkplek push", "werkplek"),
    WERKPLEK_CODE("werkplek code", "werkplek");

    final String label;
    final String realm;

    Flow(String label, String realm) {
        this.label = label;
        this.realm = realm;
    }

    boolean usesPhone() {
        return this == WERKPLEK_PUSH || this == WERKPLEK_CODE;
    }
}
