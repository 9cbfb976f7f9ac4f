package io.mcpconnectors.postgres;

import io.vertx.pgclient.PgException;

/** Turns driver failures into messages for the user: the server's message and SQLSTATE, never a credential. */
final class PostgresErrors {

    private PostgresErrors() {
    }

    static boolean isAuthenticationFailure(Throwable e) {
        return e instanceof PgException pg && ("28P01".equals(pg.getSqlState()) || "28000".equals(pg.getSqlState()));
    }

    static String describe(Throwable e) {
        if (e instanceof PgException pg) {
            String detail = pg.getDetail() == null ? "" : " (" + pg.getDetail() + ")";
            return pg.getErrorMessage() + detail + " [SQLSTATE " + pg.getSqlState() + "]";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The SQLSTATE of a failure, or null. */
    static String sqlState(Throwable e) {
        return e instanceof PgException pg ? pg.getSqlState() : null;
    }
}
