"""Schema Registry clients for the converters: remote, in-memory (``mock://``) and embedded.

``schema.registry.url`` picks the registry:

- ``http://...`` / ``https://...`` (comma-separated for several): confluent-kafka's
  ``SchemaRegistryClient``, with the Java converter's basic-auth, bearer-auth, TLS, proxy and
  timeout keys translated (see :func:`remote_client_config`).
- ``mock://<scope>``: an in-memory registry shared by every converter of the process that
  names the same scope (Java's ``MockSchemaRegistry`` scopes); ids start at 1; like Java's mock
  it checks no compatibility unless ``set_compatibility`` is called.
- ``embedded://`` or ``embedded:///path/to/file.db``: a persistent registry in a SQLite file
  (:class:`LocalSchemaRegistry`); schema ids survive restarts and several processes can share
  the file. Without a path it is the embedded record log's database, ``embedded.store.path``
  (default ``connectpy-data/connect.db``), in tables of its own.

The in-memory and embedded registries behave as Confluent's Schema Registry does: one id per
distinct schema across subjects, versions per subject, the stored text is the canonical
(``Schema.toString()``) form, ``normalize`` as the server's, and compatibility checked on
registration (the embedded registry: ``BACKWARD`` by default, settable globally or per
subject).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from urllib.parse import unquote, urlparse

from confluent_kafka.schema_registry import (
    RegisteredSchema,
    Schema,
    SchemaReference,
    SchemaRegistryClient,
)
from confluent_kafka.schema_registry.error import SchemaRegistryError

from connect_data import DataException
from connect_data.config import ConfigException
from converters.avro.compatibility import COMPATIBILITY_LEVELS, check_compatibility
from converters.avro.schema import AvroSchema, RecordSchema, normalize, parse_schema

__all__ = [
    "DEFAULT_EMBEDDED_STORE_PATH",
    "LocalSchemaRegistry",
    "RecordNameStrategy",
    "SchemaRegistry",
    "SubjectNameStrategy",
    "TopicNameStrategy",
    "TopicRecordNameStrategy",
    "drop_mock_registry",
    "embedded_registry",
    "mock_registry",
    "new_registry_client",
    "remote_client_config",
    "subject_name_strategy",
]

DEFAULT_EMBEDDED_STORE_PATH = "connectpy-data/connect.db"
EMBEDDED_STORE_PATH_CONFIG = "embedded.store.path"
DEFAULT_COMPATIBILITY = "BACKWARD"


@runtime_checkable
class SchemaRegistry(Protocol):
    """What the converters use of a registry client (confluent-kafka's method names)."""

    def register_schema(
        self, subject_name: str, schema: Schema, normalize_schemas: bool = False
    ) -> int: ...

    def get_schema(
        self, schema_id: int, subject_name: str | None = None, fmt: str | None = None
    ) -> Schema: ...

    def lookup_schema(
        self,
        subject_name: str,
        schema: Schema,
        normalize_schemas: bool = False,
        fmt: str | None = None,
        deleted: bool = False,
    ) -> RegisteredSchema: ...

    def get_latest_version(self, subject_name: str, fmt: str | None = None) -> RegisteredSchema: ...


# ================================================================ the local registry

_DDL = """
CREATE TABLE IF NOT EXISTS schema_registry_schemas (
    id INTEGER PRIMARY KEY,
    schema_type TEXT NOT NULL,
    schema TEXT NOT NULL,
    refs TEXT NOT NULL,
    UNIQUE (schema_type, schema, refs)
);
CREATE TABLE IF NOT EXISTS schema_registry_versions (
    subject TEXT NOT NULL,
    version INTEGER NOT NULL,
    schema_id INTEGER NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, version)
);
CREATE TABLE IF NOT EXISTS schema_registry_config (
    subject TEXT PRIMARY KEY,
    compatibility TEXT NOT NULL
);
"""


def _not_found_subject(subject: str) -> SchemaRegistryError:
    return SchemaRegistryError(404, 40401, f"Subject '{subject}' not found.")


class LocalSchemaRegistry:
    """A Schema Registry in a SQLite database (``":memory:"`` for a process-local one).

    Compatibility is checked on registration against ``default_compatibility`` (``BACKWARD``,
    the Schema Registry's default) unless set globally or per subject with
    :meth:`set_compatibility`. Implements the part of confluent-kafka's ``SchemaRegistryClient``
    interface the converters and most tools use, with the same return types (``Schema``, ``RegisteredSchema``) and errors
    (``SchemaRegistryError`` with the registry's error codes), so it can be passed wherever a
    client is expected::

        registry = LocalSchemaRegistry("data/registry.db")
        converter = AvroConverter(schema_registry_client=registry)

    Safe to share between threads; several processes may open the same file.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        busy_timeout_ms: int = 30_000,
        default_compatibility: str = DEFAULT_COMPATIBILITY,
    ) -> None:
        if default_compatibility.upper() not in COMPATIBILITY_LEVELS:
            raise ValueError(f"Unknown compatibility level {default_compatibility}")
        self.default_compatibility = default_compatibility.upper()
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(
                self.path,
                timeout=busy_timeout_ms / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_DDL)
        except sqlite3.Error as e:
            raise DataException(f"Cannot open the local schema registry {self.path}: {e}") from e
        self._schemas_by_id: dict[int, Schema] = {}

    def __repr__(self) -> str:
        return f"LocalSchemaRegistry({self.path!r})"

    # ------------------------------------------------------------ plumbing

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self._db.close()

    @staticmethod
    def _canonical(schema: Schema, normalize_schema: bool) -> tuple[str, str, str]:
        """(type, canonical text, references JSON) as the registry stores a schema."""
        schema_type = (schema.schema_type or "AVRO").upper()
        text = schema.schema_str or ""
        refs = json.dumps(
            [
                {"name": r.name, "subject": r.subject, "version": r.version}
                for r in (schema.references or [])
            ]
        )
        if schema_type == "AVRO":
            try:
                parsed = parse_schema(text)
                if normalize_schema:
                    parsed = normalize(parsed)
                text = parsed.to_string()
            except DataException as e:
                raise SchemaRegistryError(422, 42201, f"Invalid schema {text}: {e}") from e
        return schema_type, text, refs

    def _schema(self, schema_id: int) -> Schema:
        found = self._schemas_by_id.get(schema_id)
        if found is not None:
            return found
        rows = self._query(
            "SELECT schema_type, schema, refs FROM schema_registry_schemas WHERE id = ?",
            schema_id,
        )
        if not rows:
            raise SchemaRegistryError(404, 40403, f"Schema {schema_id} not found")
        schema_type, text, refs = rows[0]
        references = [
            SchemaReference(r["name"], r["subject"], r["version"]) for r in json.loads(refs)
        ]
        found = Schema(text, schema_type, references)
        self._schemas_by_id[schema_id] = found
        return found

    def _registered(self, subject: str, version: int, schema_id: int) -> RegisteredSchema:
        return RegisteredSchema(
            schema_id=schema_id,
            guid=None,
            schema=self._schema(schema_id),
            subject=subject,
            version=version,
        )

    # ------------------------------------------------------------ client interface

    def register_schema(
        self, subject_name: str, schema: Schema, normalize_schemas: bool = False
    ) -> int:
        """Register ``schema`` under a subject; the id of the same schema if already known.

        Raises ``SchemaRegistryError`` 409 when the subject's compatibility level rejects it,
        42201 for an invalid schema.
        """
        registered = self.register_schema_full_response(subject_name, schema, normalize_schemas)
        assert registered.schema_id is not None
        return registered.schema_id

    def register_schema_full_response(
        self, subject_name: str, schema: Schema, normalize_schemas: bool = False
    ) -> RegisteredSchema:
        """Register ``schema`` and return the registered id, subject and version."""
        schema_type, text, refs = self._canonical(schema, normalize_schemas)
        with self._write() as db:
            row = db.execute(
                "SELECT v.version, s.id FROM schema_registry_versions v "
                "JOIN schema_registry_schemas s ON s.id = v.schema_id "
                "WHERE v.subject = ? AND v.deleted = 0 AND s.schema_type = ? AND s.schema = ? "
                "AND s.refs = ? ORDER BY v.version LIMIT 1",
                (subject_name, schema_type, text, refs),
            ).fetchone()
            if row is not None:
                version, schema_id = row
            else:
                self._check_compatible(db, subject_name, schema_type, text)
                found = db.execute(
                    "SELECT id FROM schema_registry_schemas "
                    "WHERE schema_type = ? AND schema = ? AND refs = ?",
                    (schema_type, text, refs),
                ).fetchone()
                if found is not None:
                    schema_id = found[0]
                else:
                    schema_id = db.execute(
                        "SELECT COALESCE(MAX(id), 0) + 1 FROM schema_registry_schemas"
                    ).fetchone()[0]
                    db.execute(
                        "INSERT INTO schema_registry_schemas (id, schema_type, schema, refs) "
                        "VALUES (?, ?, ?, ?)",
                        (schema_id, schema_type, text, refs),
                    )
                version = db.execute(
                    "SELECT COALESCE(MAX(version), 0) + 1 FROM schema_registry_versions "
                    "WHERE subject = ?",
                    (subject_name,),
                ).fetchone()[0]
                db.execute(
                    "INSERT INTO schema_registry_versions (subject, version, schema_id) "
                    "VALUES (?, ?, ?)",
                    (subject_name, version, schema_id),
                )
        return self._registered(subject_name, version, schema_id)

    def _check_compatible(
        self, db: sqlite3.Connection, subject: str, schema_type: str, text: str
    ) -> None:
        if schema_type != "AVRO":
            return
        level = self._compatibility_level(db, subject)
        if level == "NONE":
            return
        rows = db.execute(
            "SELECT s.schema_type, s.schema FROM schema_registry_versions v "
            "JOIN schema_registry_schemas s ON s.id = v.schema_id "
            "WHERE v.subject = ? AND v.deleted = 0 ORDER BY v.version",
            (subject,),
        ).fetchall()
        previous = [parse_schema(row[1]) for row in rows if row[0] == "AVRO"]
        problems = check_compatibility(level, parse_schema(text), previous)
        if problems:
            raise SchemaRegistryError(
                409,
                409,
                "Schema being registered is incompatible with an earlier schema for subject "
                f'"{subject}", details: [{", ".join(problems)}]',
            )

    def _compatibility_level(self, db: sqlite3.Connection, subject: str | None) -> str:
        for key in ([subject] if subject else []) + [""]:
            row = db.execute(
                "SELECT compatibility FROM schema_registry_config WHERE subject = ?", (key,)
            ).fetchone()
            if row is not None:
                return str(row[0])
        return self.default_compatibility

    def get_schema(
        self,
        schema_id: int,
        subject_name: str | None = None,
        fmt: str | None = None,
        reference_format: str | None = None,
    ) -> Schema:
        """The schema with id ``schema_id`` (``SchemaRegistryError`` 40403 if unknown)."""
        return self._schema(schema_id)

    def lookup_schema(
        self,
        subject_name: str,
        schema: Schema,
        normalize_schemas: bool = False,
        fmt: str | None = None,
        deleted: bool = False,
    ) -> RegisteredSchema:
        """The id and version of ``schema`` in a subject (40401 / 40403 if absent)."""
        schema_type, text, refs = self._canonical(schema, normalize_schemas)
        rows = self._query(
            "SELECT v.version, s.id FROM schema_registry_versions v "
            "JOIN schema_registry_schemas s ON s.id = v.schema_id "
            "WHERE v.subject = ? AND (v.deleted = 0 OR ?) AND s.schema_type = ? "
            "AND s.schema = ? AND s.refs = ? ORDER BY v.version LIMIT 1",
            subject_name,
            1 if deleted else 0,
            schema_type,
            text,
            refs,
        )
        if not rows:
            if not self._versions(subject_name, deleted):
                raise _not_found_subject(subject_name)
            raise SchemaRegistryError(404, 40403, "Schema not found")
        version, schema_id = rows[0]
        return self._registered(subject_name, version, schema_id)

    def _versions(self, subject: str, deleted: bool = False) -> list[tuple[int, int]]:
        return [
            (row[0], row[1])
            for row in self._query(
                "SELECT version, schema_id FROM schema_registry_versions "
                "WHERE subject = ? AND (deleted = 0 OR ?) ORDER BY version",
                subject,
                1 if deleted else 0,
            )
        ]

    def get_latest_version(self, subject_name: str, fmt: str | None = None) -> RegisteredSchema:
        """The newest version of a subject (40401 if the subject has none)."""
        versions = self._versions(subject_name)
        if not versions:
            raise _not_found_subject(subject_name)
        version, schema_id = versions[-1]
        return self._registered(subject_name, version, schema_id)

    def get_version(
        self,
        subject_name: str,
        version: int | str = "latest",
        deleted: bool = False,
        fmt: str | None = None,
    ) -> RegisteredSchema:
        """One version of a subject (``"latest"`` or a number; 40401 / 40402 if absent)."""
        if version == "latest":
            return self.get_latest_version(subject_name)
        versions = dict(self._versions(subject_name, deleted))
        if not versions and not self._versions(subject_name, True):
            raise _not_found_subject(subject_name)
        schema_id = versions.get(int(version))
        if schema_id is None:
            raise SchemaRegistryError(404, 40402, f"Version {version} not found.")
        return self._registered(subject_name, int(version), schema_id)

    def get_versions(self, subject_name: str, deleted: bool = False, **_: Any) -> list[int]:
        """The version numbers of a subject (40401 if it has none)."""
        versions = [v for v, _ in self._versions(subject_name, deleted)]
        if not versions:
            raise _not_found_subject(subject_name)
        return versions

    def get_subjects(
        self, subject_prefix: str | None = None, deleted: bool = False, **_: Any
    ) -> list[str]:
        """The subjects with at least one (not deleted) version."""
        rows = self._query(
            "SELECT DISTINCT subject FROM schema_registry_versions "
            "WHERE deleted = 0 OR ? ORDER BY subject",
            1 if deleted else 0,
        )
        subjects = [row[0] for row in rows]
        if subject_prefix is not None:
            subjects = [s for s in subjects if s.startswith(subject_prefix)]
        return subjects

    def get_subjects_by_schema_id(self, schema_id: int, **_: Any) -> list[str]:
        """The subjects holding schema ``schema_id``."""
        self._schema(schema_id)
        rows = self._query(
            "SELECT DISTINCT subject FROM schema_registry_versions "
            "WHERE schema_id = ? AND deleted = 0 ORDER BY subject",
            schema_id,
        )
        return [row[0] for row in rows]

    def delete_subject(self, subject_name: str, permanent: bool = False) -> list[int]:
        """Delete a subject's versions (soft, or for good); returns the versions deleted."""
        with self._write() as db:
            rows = db.execute(
                "SELECT version FROM schema_registry_versions "
                "WHERE subject = ? AND (deleted = 0 OR ?) ORDER BY version",
                (subject_name, 1 if permanent else 0),
            ).fetchall()
            if not rows:
                raise _not_found_subject(subject_name)
            if permanent:
                db.execute(
                    "DELETE FROM schema_registry_versions WHERE subject = ?", (subject_name,)
                )
            else:
                db.execute(
                    "UPDATE schema_registry_versions SET deleted = 1 WHERE subject = ?",
                    (subject_name,),
                )
        return [row[0] for row in rows]

    def delete_version(self, subject_name: str, version: int, permanent: bool = False) -> int:
        """Delete one version of a subject; returns its number."""
        with self._write() as db:
            row = db.execute(
                "SELECT version FROM schema_registry_versions WHERE subject = ? AND version = ?",
                (subject_name, version),
            ).fetchone()
            if row is None:
                raise SchemaRegistryError(404, 40402, f"Version {version} not found.")
            if permanent:
                db.execute(
                    "DELETE FROM schema_registry_versions WHERE subject = ? AND version = ?",
                    (subject_name, version),
                )
            else:
                db.execute(
                    "UPDATE schema_registry_versions SET deleted = 1 "
                    "WHERE subject = ? AND version = ?",
                    (subject_name, version),
                )
        return version

    def set_compatibility(self, subject_name: str | None = None, level: str | None = None) -> str:
        """Set the compatibility level of a subject, or the global one (no subject)."""
        if level is None or level.upper() not in COMPATIBILITY_LEVELS:
            raise SchemaRegistryError(422, 42203, f"Invalid compatibility level: {level}")
        with self._write() as db:
            db.execute(
                "INSERT INTO schema_registry_config (subject, compatibility) VALUES (?, ?) "
                "ON CONFLICT (subject) DO UPDATE SET compatibility = excluded.compatibility",
                (subject_name or "", level.upper()),
            )
        return level.upper()

    def get_compatibility(self, subject_name: str | None = None) -> str:
        """The compatibility level in force for a subject (or the global one)."""
        with self._lock:
            return self._compatibility_level(self._db, subject_name)

    def test_compatibility(
        self, subject_name: str, schema: Schema, version: int | str = "latest", **_: Any
    ) -> bool:
        """Whether ``schema`` could be registered under the subject's compatibility level."""
        schema_type, text, _refs = self._canonical(schema, False)
        try:
            with self._write() as db:
                self._check_compatible(db, subject_name, schema_type, text)
        except SchemaRegistryError as e:
            if e.http_status_code == 409:
                return False
            raise
        return True


# ================================================================ process-wide registries

_mock_scopes: dict[str, LocalSchemaRegistry] = {}
_embedded: dict[str, LocalSchemaRegistry] = {}
_registries_lock = threading.Lock()


def mock_registry(scope: str) -> LocalSchemaRegistry:
    """The in-memory registry of a ``mock://<scope>`` URL, shared by the whole process.

    Like Java's ``MockSchemaRegistryClient`` it accepts any new version (compatibility
    ``NONE``) until told otherwise with ``set_compatibility``.
    """
    with _registries_lock:
        registry = _mock_scopes.get(scope)
        if registry is None:
            registry = _mock_scopes[scope] = LocalSchemaRegistry(
                ":memory:", default_compatibility="NONE"
            )
        return registry


def drop_mock_registry(scope: str) -> None:
    """Forget the in-memory registry of a scope (Java's ``MockSchemaRegistry.dropScope``)."""
    with _registries_lock:
        registry = _mock_scopes.pop(scope, None)
    if registry is not None:
        registry.close()


def embedded_registry(path: str | os.PathLike[str]) -> LocalSchemaRegistry:
    """The registry in the SQLite file ``path``, one client per file for the process."""
    key = os.path.abspath(path)
    with _registries_lock:
        registry = _embedded.get(key)
        if registry is None:
            registry = _embedded[key] = LocalSchemaRegistry(key)
        return registry


# ================================================================ client selection

_PASSTHROUGH = {
    "max.retries": "max.retries",
    "retries.wait.ms": "retries.wait.ms",
    "retries.max.wait.ms": "retries.max.wait.ms",
    "cache.capacity": "cache.capacity",
    "cache.latest.ttl.sec": "cache.latest.ttl.sec",
    "latest.cache.ttl.sec": "cache.latest.ttl.sec",
    "bearer.auth.credentials.source": "bearer.auth.credentials.source",
    "bearer.auth.token": "bearer.auth.token",
    "bearer.auth.logical.cluster": "bearer.auth.logical.cluster",
    "bearer.auth.identity.pool.id": "bearer.auth.identity.pool.id",
    "bearer.auth.client.id": "bearer.auth.client.id",
    "bearer.auth.client.secret": "bearer.auth.client.secret",
    "bearer.auth.scope": "bearer.auth.scope",
    "bearer.auth.issuer.endpoint.url": "bearer.auth.issuer.endpoint.url",
}
_SSL_KEYS = {
    "ca.location": "ssl.ca.location",
    "certificate.location": "ssl.certificate.location",
    "key.location": "ssl.key.location",
    "key.password": "ssl.key.password",
}


def _secret(value: Any) -> str:
    """The text of a config value that may be a ``Password``."""
    reveal = getattr(value, "value", None)
    return str(reveal() if callable(reveal) else value)


def remote_client_config(urls: list[str], configs: Mapping[str, Any]) -> dict[str, Any]:
    """confluent-kafka ``SchemaRegistryClient`` settings from the Java converter's keys.

    ``basic.auth.credentials.source`` (``URL``, ``USER_INFO``, ``SASL_INHERIT``) with
    ``basic.auth.user.info`` or ``schema.registry.basic.auth.user.info``; ``bearer.auth.*``;
    TLS from ``schema.registry.ssl.ca.location`` / ``.certificate.location`` /
    ``.key.location`` / ``.key.password`` (PEM files), or a PEM
    ``schema.registry.ssl.truststore.location`` / ``.keystore.location``; ``proxy.host`` and
    ``proxy.port``; ``http.read.timeout.ms``; ``max.retries`` and the other client keys as is.
    """
    conf: dict[str, Any] = {"url": ",".join(urls)}
    source = str(configs.get("basic.auth.credentials.source", "URL")).upper()
    user_info = configs.get("basic.auth.user.info") or configs.get(
        "schema.registry.basic.auth.user.info"
    )
    if source == "USER_INFO":
        if user_info:
            conf["basic.auth.user.info"] = _secret(user_info)
    elif source == "SASL_INHERIT":
        jaas = _secret(configs.get("sasl.jaas.config", ""))
        user, password = _jaas_credentials(jaas)
        if user is None:
            raise ConfigException(
                "basic.auth.credentials.source=SASL_INHERIT needs a sasl.jaas.config with "
                "username and password"
            )
        conf["basic.auth.user.info"] = f"{user}:{password}"
    elif source != "URL":  # URL: only the URL's userinfo, if any, is sent (as in Java)
        raise ConfigException(
            "basic.auth.credentials.source", source, "Must be URL, USER_INFO or SASL_INHERIT"
        )
    for key, target in _PASSTHROUGH.items():
        for prefixed in (key, "schema.registry." + key):
            if prefixed in configs and configs[prefixed] not in (None, ""):
                value = configs[prefixed]
                if key.endswith(("retries", "ms", "capacity", "sec")):
                    value = int(value)
                else:
                    value = _secret(value)
                conf[target] = value
    for suffix, target in _SSL_KEYS.items():
        value = configs.get("schema.registry.ssl." + suffix)
        if value not in (None, ""):
            conf[target] = _secret(value)
    _pem_stores(configs, conf)
    host, port = configs.get("proxy.host"), configs.get("proxy.port")
    if host:
        conf["proxy"] = f"http://{host}:{port}" if port else f"http://{host}"
    timeout = configs.get("http.read.timeout.ms") or configs.get(
        "schema.registry.http.read.timeout.ms"
    )
    if timeout not in (None, ""):
        conf["timeout"] = int(timeout) / 1000
    return conf


def _pem_stores(configs: Mapping[str, Any], conf: dict[str, Any]) -> None:
    """Java truststore/keystore keys, accepted when they name PEM files."""
    truststore = _pem_store(configs, conf, "truststore", "ca")
    if truststore is not None:
        conf["ssl.ca.location"] = truststore
    keystore = _pem_store(configs, conf, "keystore", "certificate")
    if keystore is not None:
        conf["ssl.certificate.location"] = keystore
        conf.setdefault("ssl.key.location", keystore)
        key_password = configs.get("schema.registry.ssl.key.password")
        if key_password:
            conf["ssl.key.password"] = _secret(key_password)


def _pem_store(
    configs: Mapping[str, Any], conf: Mapping[str, Any], store: str, instead: str
) -> str | None:
    """The file of ``schema.registry.ssl.<store>.location`` when ``ssl.<instead>.location``
    is not set already; a store type other than PEM is a :class:`ConfigException`."""
    location = configs.get(f"schema.registry.ssl.{store}.location")
    if not location or f"ssl.{instead}.location" in conf:
        return None
    kind = str(configs.get(f"schema.registry.ssl.{store}.type", "PEM")).upper()
    if kind != "PEM":
        raise ConfigException(
            f"schema.registry.ssl.{store}.type",
            kind,
            f"Only PEM files are supported; use schema.registry.ssl.{instead}.location",
        )
    return str(location)


def _jaas_credentials(jaas: str) -> tuple[str | None, str | None]:
    import re

    user = re.search(r'username\s*=\s*"([^"]*)"', jaas)
    password = re.search(r'password\s*=\s*"([^"]*)"', jaas)
    if user is None or password is None:
        return None, None
    return user.group(1), password.group(1)


def new_registry_client(urls: list[str], configs: Mapping[str, Any]) -> Any:
    """The registry client for ``schema.registry.url`` (see the module doc)."""
    if not urls:
        raise ConfigException(
            'Missing required configuration "schema.registry.url" which has no default value.'
        )
    schemes = {urlparse(u).scheme for u in urls}
    if "mock" in schemes:
        if len(urls) != 1:
            raise ConfigException(
                f"Only one mock scope is permitted for 'schema.registry.url'. Got: {urls}"
            )
        return mock_registry(urls[0][len("mock://") :])
    if "embedded" in schemes:
        if len(urls) != 1:
            raise ConfigException(f"Only one embedded registry is permitted. Got: {urls}")
        parsed = urlparse(urls[0])
        path = unquote(parsed.netloc + parsed.path)
        if not path:
            path = str(configs.get(EMBEDDED_STORE_PATH_CONFIG) or DEFAULT_EMBEDDED_STORE_PATH)
        return embedded_registry(path)
    if not schemes <= {"http", "https"}:
        raise ConfigException("schema.registry.url", ",".join(urls), "Unsupported URL scheme")
    try:
        return SchemaRegistryClient(remote_client_config(urls, configs))
    except (ValueError, TypeError, OSError) as e:
        raise ConfigException(f"Invalid Schema Registry client configuration: {e}") from e


# ================================================================ subject name strategies


class SubjectNameStrategy:
    """How a record's subject is named (Confluent's ``SubjectNameStrategy``)."""

    def subject_name(self, topic: str, is_key: bool, schema: AvroSchema | None) -> str:
        """The subject for a record of ``topic`` with ``schema``."""
        raise NotImplementedError

    def uses_schema(self) -> bool:
        """Whether the subject depends on the schema (not only on topic and role)."""
        return True


def _record_name(schema: AvroSchema | None, is_key: bool, strategy: str) -> str:
    if not isinstance(schema, RecordSchema):
        raise DataException(
            f"In configuration {'key' if is_key else 'value'}.subject.name.strategy = "
            f"{strategy}, the message must only be a record schema"
        )
    return schema.full_name


class TopicNameStrategy(SubjectNameStrategy):
    """``<topic>-key`` / ``<topic>-value`` (the default)."""

    def subject_name(self, topic: str, is_key: bool, schema: AvroSchema | None) -> str:
        return topic + ("-key" if is_key else "-value")

    def uses_schema(self) -> bool:
        return False


class RecordNameStrategy(SubjectNameStrategy):
    """The full name of the record schema."""

    def subject_name(self, topic: str, is_key: bool, schema: AvroSchema | None) -> str:
        return _record_name(schema, is_key, "RecordNameStrategy")


class TopicRecordNameStrategy(SubjectNameStrategy):
    """``<topic>-<record full name>``."""

    def subject_name(self, topic: str, is_key: bool, schema: AvroSchema | None) -> str:
        return f"{topic}-{_record_name(schema, is_key, 'TopicRecordNameStrategy')}"


_STRATEGIES: dict[str, type[SubjectNameStrategy]] = {}
for _cls in (TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy):
    _STRATEGIES[_cls.__name__] = _cls
    _STRATEGIES[f"io.confluent.kafka.serializers.subject.{_cls.__name__}"] = _cls
    _STRATEGIES[f"{__name__}.{_cls.__name__}"] = _cls


def subject_name_strategy(
    value: Any, key: str = "value.subject.name.strategy"
) -> SubjectNameStrategy:
    """A strategy from a config value: a short or Java class name, a dotted Python path to a
    :class:`SubjectNameStrategy` class, a class, or an instance."""
    if value is None or value == "":
        return TopicNameStrategy()
    if isinstance(value, SubjectNameStrategy):
        return value
    if isinstance(value, type) and issubclass(value, SubjectNameStrategy):
        return value()
    name = str(value).strip()
    cls = _STRATEGIES.get(name)
    if cls is None and "." in name:
        import importlib

        module_name, _, attr = name.rpartition(".")
        try:
            found = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError):
            found = None
        if isinstance(found, type) and issubclass(found, SubjectNameStrategy):
            cls = found
    if cls is None:
        raise ConfigException(key, name, "Unknown subject name strategy")
    return cls()
