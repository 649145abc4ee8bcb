package io.amp.keycloak.e2e;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What AMP's Liquibase changelogs declare, read from the provider jars on the test classpath (the
 * files the server applies), and what a database holds of it, read through JDBC metadata. The
 * tests compare the two on every database, so that the schema is the one the changelogs describe
 * whatever the database makes of them, and a new changelog file is checked without a test change.
 */
final class Changelogs {

    /** An index or key as a database enforces it: its table, its columns in order, unique or not (names differ by database). */
    record Index(String table, List<String> columns, boolean unique) implements Comparable<Index> {
        @Override
        public int compareTo(Index other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return table + "(" + String.join(", ", columns) + ")" + (unique ? " unique" : "");
        }
    }

    /** A foreign key: its name, its table and columns, and the table and columns it references. */
    record ForeignKey(String name, String table, List<String> columns, String referencedTable, List<String> referencedColumns)
            implements Comparable<ForeignKey> {
        @Override
        public int compareTo(ForeignKey other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return name + ": " + table + "(" + String.join(", ", columns) + ") -> " + referencedTable + "(" + String.join(", ", referencedColumns) + ")";
        }
    }

    /**
     * Each feature's Liquibase table (Keycloak names it after the factory id, docs/architecture.md)
     * and its master changelog.
     */
    static final Map<String, String> MASTERS = Map.of(
            "DATABASECHANGELOG_AMP_REQUES", "META-INF/amp-requests-changelog-master.xml",
            "DATABASECHANGELOG_AMP_ELEVAT", "META-INF/amp-elevations-changelog-master.xml",
            "DATABASECHANGELOG_AMP_SITES", "META-INF/amp-sites-changelog-master.xml");

    /** Change elements that cannot add, drop or reshape a table, key or index. */
    private static final Set<String> NEUTRAL = Set.of("comment", "modifySql", "preConditions", "validCheckSum", "rollback",
            "addForeignKeyConstraint", "dropForeignKeyConstraint", "addNotNullConstraint", "dropNotNullConstraint", "modifyDataType", "addDefaultValue",
            "dropDefaultValue", "insert", "update", "delete");

    private Changelogs() {
    }

    /** The ids of the change sets of one master changelog, in the order they are applied. */
    static List<String> changeSetIds(String master) {
        return changeSets(master).stream().map(changeSet -> changeSet.getAttribute("id")).toList();
    }

    /** Every table AMP's changelogs create, in upper case. */
    static Set<String> tables() {
        Set<String> tables = new TreeSet<>();
        allChanges().stream().filter(change -> change.getTagName().equals("createTable"))
                .forEach(change -> tables.add(upper(change.getAttribute("tableName"))));
        return tables;
    }

    /**
     * The keys and indexes the changelogs declare: primary keys, unique constraints (of a column
     * or of several) and indexes. A change the reader does not know fails here, so that the
     * comparison can never silently leave out what a new changelog does.
     */
    static Set<Index> indexes() {
        Set<Index> indexes = new TreeSet<>();
        for (Element change : allChanges()) {
            String table = upper(change.getAttribute("tableName"));
            switch (change.getTagName()) {
                case "createTable", "addColumn" -> {
                    List<String> primaryKey = new ArrayList<>();
                    for (Element column : children(change, "column")) {
                        for (Element constraints : children(column, "constraints")) {
                            if ("true".equals(constraints.getAttribute("primaryKey"))) {
                                primaryKey.add(upper(column.getAttribute("name")));
                            }
                            if ("true".equals(constraints.getAttribute("unique"))) {
                                indexes.add(new Index(table, List.of(upper(column.getAttribute("name"))), true));
                            }
                        }
                    }
                    if (!primaryKey.isEmpty()) {
                        indexes.add(new Index(table, primaryKey, true));
                    }
                }
                case "addPrimaryKey", "addUniqueConstraint" -> indexes.add(new Index(table, columnList(change.getAttribute("columnNames")), true));
                case "createIndex" -> indexes.add(new Index(table,
                        children(change, "column").stream().map(column -> upper(column.getAttribute("name"))).toList(),
                        "true".equals(change.getAttribute("unique"))));
                default -> {
                    if (!NEUTRAL.contains(change.getTagName())) {
                        throw new IllegalStateException("Changelogs does not know the change <" + change.getTagName()
                                + "> of table " + table + ": teach it what the change does to keys and indexes");
                    }
                }
            }
        }
        return indexes;
    }

    /**
     * The foreign keys the changelogs declare, on a column ({@code constraints foreignKeyName ...
     * references}) or of their own ({@code addForeignKeyConstraint}). One that is dropped again
     * fails here: the reader would have to learn it.
     */
    static Set<ForeignKey> foreignKeys() {
        Set<ForeignKey> keys = new TreeSet<>();
        for (Element change : allChanges()) {
            String table = upper(change.getAttribute("tableName"));
            switch (change.getTagName()) {
                case "createTable", "addColumn" -> {
                    for (Element column : children(change, "column")) {
                        for (Element constraints : children(column, "constraints")) {
                            String name = constraints.getAttribute("foreignKeyName");
                            if (name.isEmpty()) {
                                continue;
                            }
                            String references = constraints.getAttribute("references");
                            String referencedTable = references.isEmpty() ? constraints.getAttribute("referencedTableName")
                                    : references.substring(0, references.indexOf('('));
                            List<String> referencedColumns = references.isEmpty() ? columnList(constraints.getAttribute("referencedColumnNames"))
                                    : columnList(references.substring(references.indexOf('(') + 1, references.indexOf(')')));
                            keys.add(new ForeignKey(upper(name), table, List.of(upper(column.getAttribute("name"))),
                                    upper(referencedTable.trim()), referencedColumns));
                        }
                    }
                }
                case "addForeignKeyConstraint" -> keys.add(new ForeignKey(upper(change.getAttribute("constraintName")),
                        upper(change.getAttribute("baseTableName")), columnList(change.getAttribute("baseColumnNames")),
                        upper(change.getAttribute("referencedTableName")), columnList(change.getAttribute("referencedColumnNames"))));
                case "dropForeignKeyConstraint" -> throw new IllegalStateException("Changelogs does not know <dropForeignKeyConstraint> of "
                        + change.getAttribute("baseTableName") + ": teach it");
                default -> {
                    // other changes declare no foreign key
                }
            }
        }
        return keys;
    }

    /** The foreign keys of AMP's tables in a database, through {@link DatabaseMetaData#getImportedKeys}. */
    static Set<ForeignKey> foreignKeysIn(Connection connection) throws SQLException {
        DatabaseMetaData metadata = connection.getMetaData();
        Set<ForeignKey> keys = new TreeSet<>();
        for (Map.Entry<String, String> table : ampTables(connection).entrySet()) {
            Map<String, TreeMap<Integer, String[]>> columnsByKey = new LinkedHashMap<>();
            Map<String, String> referencedTableByKey = new LinkedHashMap<>();
            try (ResultSet rows = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(), table.getValue())) {
                while (rows.next()) {
                    String name = upper(rows.getString("FK_NAME"));
                    columnsByKey.computeIfAbsent(name, key -> new TreeMap<>()).put((int) rows.getShort("KEY_SEQ"),
                            new String[] {upper(rows.getString("FKCOLUMN_NAME")), upper(rows.getString("PKCOLUMN_NAME"))});
                    referencedTableByKey.put(name, upper(rows.getString("PKTABLE_NAME")));
                }
            }
            columnsByKey.forEach((name, columns) -> keys.add(new ForeignKey(name, table.getKey(),
                    columns.values().stream().map(pair -> pair[0]).toList(), referencedTableByKey.get(name),
                    columns.values().stream().map(pair -> pair[1]).toList())));
        }
        return keys;
    }

    /** The AMP tables a database holds (upper case), read through JDBC metadata. */
    static Set<String> tablesIn(Connection connection) throws SQLException {
        return new TreeSet<>(ampTables(connection).keySet());
    }

    /**
     * The keys and indexes a database holds on AMP's tables, through {@link DatabaseMetaData#getIndexInfo}:
     * primary keys and unique constraints appear there as the unique indexes that enforce them.
     * Left out are the indexes a database makes on its own to back a foreign key (H2 and MariaDB
     * do, when no declared index serves it; PostgreSQL never does): MariaDB names them after the key,
     * H2 after the key with {@code _INDEX_x}. {@code madeForForeignKeys} receives them, so that the
     * caller can show them.
     */
    static Set<Index> indexesIn(Connection connection, Set<Index> madeForForeignKeys) throws SQLException {
        Set<String> foreignKeyNames = new HashSet<>();
        for (ForeignKey key : foreignKeysIn(connection)) {
            foreignKeyNames.add(key.name());
        }
        DatabaseMetaData metadata = connection.getMetaData();
        Set<Index> indexes = new TreeSet<>();
        for (Map.Entry<String, String> table : ampTables(connection).entrySet()) {
            Map<String, TreeMap<Integer, String>> columnsByIndex = new LinkedHashMap<>();
            Map<String, Boolean> uniqueByIndex = new LinkedHashMap<>();
            try (ResultSet rows = metadata.getIndexInfo(connection.getCatalog(), connection.getSchema(), table.getValue(), false, false)) {
                while (rows.next()) {
                    if (rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic || rows.getString("INDEX_NAME") == null) {
                        continue;
                    }
                    String name = rows.getString("INDEX_NAME");
                    columnsByIndex.computeIfAbsent(name, key -> new TreeMap<>()).put((int) rows.getShort("ORDINAL_POSITION"),
                            upper(rows.getString("COLUMN_NAME")));
                    uniqueByIndex.put(name, !rows.getBoolean("NON_UNIQUE"));
                }
            }
            columnsByIndex.forEach((name, columns) -> {
                Index index = new Index(table.getKey(), List.copyOf(columns.values()), uniqueByIndex.get(name));
                boolean forForeignKey = foreignKeyNames.stream().anyMatch(key -> upper(name).equals(key) || upper(name).startsWith(key + "_INDEX_"));
                (forForeignKey ? madeForForeignKeys : indexes).add(index);
            });
        }
        return indexes;
    }

    /** The tables whose name starts with AMP_, upper-cased name to the name as the database spells it. */
    private static Map<String, String> ampTables(Connection connection) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (ResultSet rows = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String name = rows.getString("TABLE_NAME");
                if (upper(name).startsWith("AMP_")) {
                    tables.put(upper(name), name);
                }
            }
        }
        return tables;
    }

    private static List<Element> allChanges() {
        List<Element> changes = new ArrayList<>();
        for (String master : new TreeSet<>(MASTERS.values())) {
            for (Element changeSet : changeSets(master)) {
                for (Node node = changeSet.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element change) {
                        changes.add(change);
                    }
                }
            }
        }
        return changes;
    }

    /** The change sets of a master changelog, following its includes in order. */
    private static List<Element> changeSets(String changelog) {
        Document document = parse(changelog);
        List<Element> changeSets = new ArrayList<>();
        for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                switch (element.getTagName()) {
                    case "include" -> changeSets.addAll(changeSets(element.getAttribute("file")));
                    case "changeSet" -> changeSets.add(element);
                    default -> throw new IllegalStateException("Changelogs does not know <" + element.getTagName() + "> in " + changelog);
                }
            }
        }
        return changeSets;
    }

    private static Document parse(String resource) {
        try (InputStream in = Changelogs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No " + resource + " on the test classpath (the provider jars are test dependencies)");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(tag)) {
                children.add(element);
            }
        }
        return children;
    }

    private static List<String> columnList(String columnNames) {
        return Arrays.stream(columnNames.split(",")).map(String::trim).map(Changelogs::upper).toList();
    }

    private static String upper(String identifier) {
        return identifier.toUpperCase(Locale.ROOT);
    }
}
