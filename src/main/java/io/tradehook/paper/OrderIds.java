package io.tradehook.paper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Paper order ids, drawn from {@code paper_order}'s own identity sequence a block at a time, so a place needs no
 * round trip of its own: its order is written with the request record. Ids stay unique across instances; an
 * instance that stops leaves the rest of its block unused. A draw commits asynchronously (no flush while the places
 * behind it wait): an order that uses an id commits after the draw, so its own flush makes the draw durable too, and
 * the ids of a draw lost in a crash were never used.
 */
final class OrderIds {

    private static final int BLOCK = 100;
    private static final String DRAW = """
            select nextval(pg_get_serial_sequence('paper_order', 'id')) from generate_series(1, ?)""";

    private final DataSource dataSource;
    private final long[] block = new long[BLOCK];
    private int used = BLOCK;

    OrderIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    synchronized long next() throws SQLException {
        if (used == BLOCK) {
            draw();
        }
        return block[used++];
    }

    private void draw() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(DRAW)) {
            select.setInt(1, BLOCK);
            try (ResultSet rs = select.executeQuery()) {
                for (int i = 0; i < BLOCK; i++) {
                    rs.next();
                    block[i] = rs.getLong(1);
                }
            }
        }
        used = 0;
    }
}
