package com.activityflow.platform.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.RowMapper;

/**
 * Rows of a query as maps that serialise to plain JSON: every column under its own name, arrays as
 * lists, timestamps as instants, jsonb as JSON. Used where "every stored field" is the point (a
 * GDPR export), so that a column added later is exported without anyone remembering to.
 */
public final class JsonRows implements RowMapper<Map<String, Object>> {

  private final ObjectMapper json;
  private final Set<String> omitted;

  /** {@code omitted}: internal columns (storage keys, search vectors) that are no one's personal data. */
  public JsonRows(ObjectMapper json, String... omitted) {
    this.json = json;
    this.omitted = Set.of(omitted);
  }

  @Override
  public Map<String, Object> mapRow(ResultSet rs, int rowNum) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      String name = meta.getColumnLabel(i);
      if (!omitted.contains(name)) {
        row.put(name, value(rs.getObject(i)));
      }
    }
    return row;
  }

  private Object value(Object value) throws SQLException {
    if (value instanceof Array array) {
      Object[] items = (Object[]) array.getArray();
      return Arrays.asList(items);
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof PGobject object) {
      if (object.getValue() != null && object.getType().startsWith("json")) {
        try {
          return json.readTree(object.getValue());
        } catch (JsonProcessingException e) {
          return object.getValue();
        }
      }
      return object.getValue();
    }
    return value;
  }
}
