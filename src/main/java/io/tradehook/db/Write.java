package io.tradehook.db;

/** One row of a {@link WriteKind}, for a {@link GroupCommit}; made by {@link WriteKind#write}. */
public final class Write {

    private final WriteKind<?> kind;
    private final Object row;

    Write(WriteKind<?> kind, Object row) {
        this.kind = kind;
        this.row = row;
    }

    WriteKind<?> kind() {
        return kind;
    }

    Object row() {
        return row;
    }
}
