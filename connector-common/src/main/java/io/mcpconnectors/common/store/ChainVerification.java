package io.mcpconnectors.common.store;

/**
 * The result of walking the audit chain.
 *
 * @param intact whether every record links to the one before and the head names the last one
 * @param records how many records were read
 * @param headSeq the sequence number of the last intact record
 * @param headHash its hash: keep it elsewhere (a ticket, a SIEM) to detect a rewrite of the whole chain
 * @param problem what is wrong, when not intact
 */
public record ChainVerification(boolean intact, long records, long headSeq, String headHash, String problem) {

    /**
     * Walks a chain one record at a time, so a store can stream it, and checks the records against each other and
     * against the stored head. The head may trail the records by appends not yet made durable, but may never point
     * past them.
     */
    public static final class Walker {
        private String prev = ChainRecord.GENESIS;
        private long expected = 1;
        private long records;
        private String headAtStored;
        private ChainVerification broken;

        /** Takes the next record; false once the chain is found broken. */
        public boolean accept(ChainRecord record, long storedHeadSeq) {
            if (record.prev() == null || record.hash() == null || record.event() == null) {
                broken = unreadable();
                return false;
            }
            records++;
            if (storedHeadSeq == 0) {
                headAtStored = ChainRecord.GENESIS;
            }
            if (record.seq() != expected) {
                broken = broken(expected - 1, prev, record.seq() > expected
                        ? "record #" + expected + (record.seq() == expected + 1 ? " is" : " to #" + (record.seq() - 1)
                                + " are") + " missing (deleted)"
                        : "record #" + record.seq() + " appears out of order after #" + (expected - 1));
                return false;
            }
            if (!record.prev().equals(prev)) {
                broken = broken(expected - 1, prev, "record #" + record.seq() + " does not link to record #"
                        + (expected - 1) + " (a record was replaced or edited)");
                return false;
            }
            if (!ChainRecord.hash(record.seq(), record.prev(), record.event()).equals(record.hash())) {
                broken = broken(expected - 1, prev, "record #" + record.seq()
                        + " was edited (its content no longer matches its hash)");
                return false;
            }
            if (record.seq() == storedHeadSeq) {
                headAtStored = record.hash();
            }
            prev = record.hash();
            expected++;
            return true;
        }

        /** The record after the last accepted one could not even be read. */
        public ChainVerification unreadable() {
            return new ChainVerification(false, records, expected - 1, prev, "the record after #" + (expected - 1)
                    + " is not a readable chain record (edited by hand?)");
        }

        public ChainVerification result(long storedHeadSeq, String storedHeadHash) {
            if (broken != null) {
                return broken;
            }
            long last = expected - 1;
            if (storedHeadSeq == 0) {
                headAtStored = ChainRecord.GENESIS;
            }
            if (storedHeadSeq < 0) {
                return broken(last, prev, "the chain's head is missing or unreadable although the chain has records"
                        + " (removed or edited by hand)");
            }
            if (storedHeadSeq > last) {
                return broken(last, prev, "the chain ends at record #" + last + " but its head names record #"
                        + storedHeadSeq + ": the last " + (storedHeadSeq - last) + " record(s) were deleted");
            }
            if (headAtStored == null || !headAtStored.equals(storedHeadHash)) {
                return broken(last, prev, "the head does not match record #" + storedHeadSeq
                        + " (the head or that record was replaced)");
            }
            return new ChainVerification(true, records, last, prev, null);
        }

        private ChainVerification broken(long seq, String hash, String problem) {
            return new ChainVerification(false, records, seq, hash, problem);
        }
    }
}
