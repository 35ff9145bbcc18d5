package dev.ratchet.module.classifier;

/** What the positions searched so far have read: the state, where it was said and what it names. */
final class Reading {
    String state;
    String rest = "";
    String hostState; // the host or address whose state the message gives, when that is what it gives
    boolean named; // the sentence that gave the state named the alert (before any field does)
    String where;
    String matched;
    boolean strong; // a position that says by itself that this is a state: bracket, capitals, alert noun
    String headState; // the state "Incident #12 created" gives in a headline
    boolean keepName; // the sentence named the alert whole ("disk /data", "analytics/daily_revenue")
    String unit; // a heartbeat's unit, its name whatever it looks like ("TANCER-04")
    boolean wholeHost; // the host is a path named whole ("payments/ledger")
}
