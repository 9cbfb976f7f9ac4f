package io.mcpconnectors.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps the MCP SDK's per-request timeouts from waking a thread on every forwarded request. The SDK arms two timers
 * per request (its request timeout, and its wait for the session's initialization) on Reactor's parallel scheduler,
 * whose timer threads each sleep on a queue of deadlines; a timer that becomes the earliest deadline of a queue wakes
 * its thread, which goes back to sleep at once, and the answer cancels the timer again. A short periodic timer on
 * every one of those threads stays ahead of any request's deadline, so the requests' timers queue behind it without
 * waking anything: two wake-ups of a timer thread per second instead of two per request. Timeouts still fire exactly
 * as before.
 */
@Startup
@ApplicationScoped
public class SdkTimers {

    /** Shorter than the request timeouts the SDK is given; a shorter timeout only wakes its thread as before. */
    static final Duration PERIOD = Duration.ofSeconds(1);

    private final List<Scheduler.Worker> workers = new ArrayList<>();

    public SdkTimers() {
        // A worker of the parallel scheduler is bound to one of its threads, taken in turn: one worker per thread.
        for (int i = 0; i < Schedulers.DEFAULT_POOL_SIZE; i++) {
            Scheduler.Worker worker = Schedulers.parallel().createWorker();
            worker.schedulePeriodically(() -> {
            }, PERIOD.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            workers.add(worker);
        }
    }

    @PreDestroy
    void stop() {
        workers.forEach(Scheduler.Worker::dispose);
    }
}
