package io.mcpconnectors.common.store;

import java.util.List;

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
     * Checks records (in stored order) against each other and against the stored head. The head may trail the
     * records by the appends that were in flight when the process stopped, but may never point past them.
     */
    public static ChainVerification of(List<ChainRecord> chain, long storedHeadSeq, String storedHeadHash) {
        String prev = ChainRecord.GENESIS;
        long expected = 1;
        String headAtStored = storedHeadSeq == 0 ? ChainRecord.GENESIS : null;
        for (ChainRecord record : chain) {
            if (record.seq() != expected) {
                return broken(chain.size(), expected - 1, prev, record.seq() > expected
                        ? "record #" + expected + (record.seq() == expected + 1 ? " is" : " to #" + (record.seq() - 1)
                                + " are") + " missing (deleted)"
                        : "record #" + record.seq() + " appears out of order after #" + (expected - 1));
            }
            if (!record.prev().equals(prev)) {
                return broken(chain.size(), expected - 1, prev, "record #" + record.seq()
                        + " does not link to record #" + (expected - 1) + " (a record was replaced or edited)");
            }
            if (!ChainRecord.hash(record.seq(), record.prev(), record.event()).equals(record.hash())) {
                return broken(chain.size(), expected - 1, prev, "record #" + record.seq()
                        + " was edited (its content no longer matches its hash)");
            }
            if (record.seq() == storedHeadSeq) {
                headAtStored = record.hash();
            }
            prev = record.hash();
            expected++;
        }
        long last = expected - 1;
        if (storedHeadSeq > last) {
            return broken(chain.size(), last, prev, "the chain ends at record #" + last + " but its head names record #"
                    + storedHeadSeq + ": the last " + (storedHeadSeq - last) + " record(s) were deleted");
        }
        if (headAtStored == null || !headAtStored.equals(storedHeadHash)) {
            return broken(chain.size(), last, prev, "the head does not match record #" + storedHeadSeq
                    + " (the head or that record was replaced)");
        }
        return new ChainVerification(true, chain.size(), last, prev, null);
    }

    private static ChainVerification broken(long records, long seq, String hash, String problem) {
        return new ChainVerification(false, records, seq, hash, problem);
    }
}
