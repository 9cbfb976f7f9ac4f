package io.mcpconnectors.gateway;

import java.time.Duration;

/**
 * What every link to an upstream is opened with.
 *
 * @param startTimeout how long an upstream may take to answer initialize (a JVM starting)
 * @param requestTimeout the longest any forwarded request may take (the call timeout plus a confirmation)
 * @param confirmationTimeout how long a user has to answer a confirmation carried from an upstream
 * @param cancellations where forwarded requests are watched for downstream cancellation
 */
record LinkSettings(Duration startTimeout, Duration requestTimeout, Duration confirmationTimeout,
        CancellationWatch cancellations) {
}
