-- HiveOrleans schema, SQLite: decision history and reruns; see ../postgresql/070-reruns.sql.
-- Task ids are stored in their canonical lowercase text form, which sorts as the GUIDs' bytes
-- do: by creation time for version-7 ids.
CREATE INDEX IF NOT EXISTS hive_task_by_project ON hive_task (project_id, task_id);

CREATE TABLE IF NOT EXISTS hive_task_history
(
    task_id        TEXT    NOT NULL,
    superseded_by  TEXT    NOT NULL,
    recorded_on_ms INTEGER NOT NULL,
    entry          BLOB    NOT NULL,
    PRIMARY KEY (task_id, superseded_by)
) WITHOUT ROWID;
