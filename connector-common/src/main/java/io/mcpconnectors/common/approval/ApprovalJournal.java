package io.mcpconnectors.common.approval;

import java.util.Map;

/** Where the events of an approval's life are recorded: the audit chain. */
public interface ApprovalJournal {

    /** Records an event and returns once it is durable; throws an unchecked exception when it could not be. */
    void recordDurably(Map<String, Object> event);

    /**
     * Records an event in the background.
     *
     * @param sync whether the record is made durable (fsync'd) when written
     */
    void record(Map<String, Object> event, boolean sync);
}
