package io.tradehook.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

/** Parameterised SQL against the gateway's database, for arranging state and asserting what was stored. */
public final class Sql {

    private final DataSource dataSource;

    public Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** All rows, each a column name → value map in select order. */
    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, parameters);
             ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the single row the query returns. */
    public Object value(String sql, Object... parameters) {
        List<Map<String, Object>> rows = rows(sql, parameters);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + " from: " + sql);
        }
        return rows.get(0).values().iterator().next();
    }

    public String string(String sql, Object... parameters) {
        Object value = value(sql, parameters);
        return value == null ? null : value.toString();
    }

    public long number(String sql, Object... parameters) {
        return ((Number) value(sql, parameters)).longValue();
    }

    /** The paper orders on the accounts of one user: what a trader's alerts placed. */
    public long paperOrdersOfUser(long userId) {
        return number("select count(*) from paper_order o join trading_account a on a.id = o.account_id"
                + " where a.user_id = ?", userId);
    }

    public int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
