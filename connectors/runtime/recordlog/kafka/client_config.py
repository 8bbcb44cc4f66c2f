"""Java Kafka client properties -> librdkafka properties, and the client-override policies.

A Kafka Connect worker file configures its clients with Java property names (``producer.acks``,
``consumer.max.poll.records``, ``ssl.truststore.location``, ...). confluent-kafka runs on
librdkafka, which shares most names with the Java clients but not all. :func:`to_librdkafka`
translates one client's properties:

- names both clients know pass unchanged (``acks``, ``linger.ms``, ``session.timeout.ms``, ...);
- names librdkafka spells differently are renamed (:data:`RENAMED`), with their values adapted
  where the unit or the special values differ (``buffer.memory`` bytes -> kilobytes, ``-1``
  socket buffers -> ``0``, ``auto.offset.reset=none`` -> ``error``, assignor class names);
- Java-only names are dropped (:data:`JAVA_ONLY`): serializers, interceptors, metrics, JVM
  security providers... Some of them (``max.poll.records``, ``max.block.ms``,
  ``default.api.timeout.ms``) are read by the connectpy clients themselves;
- SSL key and trust stores become librdkafka's PEM / PKCS#12 locations, and
  ``sasl.jaas.config`` (Plain, SCRAM, Kerberos login modules) becomes ``sasl.username`` /
  ``sasl.password`` or the Kerberos keys;
- anything else (librdkafka's own names, such as ``statistics.interval.ms``) is passed as is.
  A name librdkafka does not know either is dropped with a warning when the client is created
  (:func:`create_client`), as a Java client ignores unknown properties.

:func:`check_client_overrides` applies ``connector.client.config.override.policy`` (``None``,
``Principal`` or ``All``, as Kafka Connect) to a connector's ``producer.override.*``,
``consumer.override.*`` and ``admin.override.*`` keys.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

import confluent_kafka

from connect_data.config import ConfigException, Password
from connect_data.errors import ConnectException

__all__ = [
    "COMMON_CLIENT_KEYS",
    "JAVA_ONLY",
    "OVERRIDE_POLICIES",
    "RENAMED",
    "check_client_overrides",
    "client_override_errors",
    "common_client_config",
    "create_client",
    "override_policy_name",
    "to_librdkafka",
]

log = logging.getLogger(__name__)

T = TypeVar("T")

RENAMED: Final[Mapping[str, str]] = {
    "send.buffer.bytes": "socket.send.buffer.bytes",
    "receive.buffer.bytes": "socket.receive.buffer.bytes",
    "max.request.size": "message.max.bytes",
    "fetch.max.wait.ms": "fetch.wait.max.ms",
    "buffer.memory": "queue.buffering.max.kbytes",
    "compression.gzip.level": "compression.level",
    "compression.lz4.level": "compression.level",
    "compression.zstd.level": "compression.level",
    "ssl.truststore.certificates": "ssl.ca.pem",
    "ssl.keystore.certificate.chain": "ssl.certificate.pem",
    "ssl.keystore.key": "ssl.key.pem",
}
"""Java names librdkafka spells differently (``request.timeout.ms`` also becomes
``socket.timeout.ms`` for consumers and admin clients)."""

JAVA_ONLY: Final[frozenset[str]] = frozenset(
    {
        "key.serializer",
        "value.serializer",
        "key.deserializer",
        "value.deserializer",
        "interceptor.classes",
        "metric.reporters",
        "metrics.num.samples",
        "metrics.sample.window.ms",
        "metrics.recording.level",
        "auto.include.jmx.reporter",
        "enable.metrics.push",
        "partitioner.class",
        "partitioner.adaptive.partitioning.enable",
        "partitioner.availability.timeout.ms",
        "partitioner.ignore.keys",
        "max.block.ms",
        "max.poll.records",
        "default.api.timeout.ms",
        "exclude.internal.topics",
        "metadata.max.idle.ms",
        "metadata.recovery.strategy",
        "metadata.recovery.rebootstrap.trigger.ms",
        "socket.connection.setup.timeout.max.ms",
        "internal.leave.group.on.close",
        "internal.throw.on.fetch.stable.offset.unsupported",
        "security.providers",
        "ssl.protocol",
        "ssl.enabled.protocols",
        "ssl.provider",
        "ssl.cipher.suites",
        "ssl.keymanager.algorithm",
        "ssl.trustmanager.algorithm",
        "ssl.secure.random.implementation",
        "ssl.engine.factory.class",
        "ssl.truststore.type",
        "ssl.truststore.password",
        "ssl.keystore.type",
        "sasl.login.class",
        "sasl.login.callback.handler.class",
        "sasl.client.callback.handler.class",
        "sasl.login.refresh.window.factor",
        "sasl.login.refresh.window.jitter",
        "sasl.login.refresh.min.period.seconds",
        "sasl.login.refresh.buffer.seconds",
        "sasl.kerberos.ticket.renew.window.factor",
        "sasl.kerberos.ticket.renew.jitter",
        "enable.auto.commit",
    }
)
"""Java client names with no librdkafka counterpart: dropped (``enable.auto.commit`` is
always off, the runtime commits)."""

COMMON_CLIENT_KEYS: Final[tuple[str, ...]] = (
    "bootstrap.servers",
    "client.dns.lookup",
    "client.rack",
    "security.protocol",
    "sasl.",
    "ssl.",
    "metadata.max.age.ms",
    "request.timeout.ms",
    "retry.backoff.ms",
    "retry.backoff.max.ms",
    "reconnect.backoff.ms",
    "reconnect.backoff.max.ms",
    "socket.connection.setup.timeout.ms",
    "connections.max.idle.ms",
    "send.buffer.bytes",
    "receive.buffer.bytes",
)
"""The top-level worker keys (names, or prefixes ending in ``.``) the worker's own clients
use: the offsets and configs topics' producers and consumers, and the admin client."""

_ASSIGNORS: Final[Mapping[str, str]] = {
    "range": "range",
    "rangeassignor": "range",
    "roundrobin": "roundrobin",
    "roundrobinassignor": "roundrobin",
    "cooperative-sticky": "cooperative-sticky",
    "cooperativestickyassignor": "cooperative-sticky",
}

_JAAS_OPTION = re.compile(r'(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|(\S+?))(?=\s|;|$)')

OVERRIDE_POLICIES: Final[Mapping[str, frozenset[str] | None]] = {
    "None": frozenset(),
    "Principal": frozenset({"sasl.jaas.config", "sasl.mechanism", "security.protocol"}),
    "All": None,
}
"""What each ``connector.client.config.override.policy`` lets a connector override
(``None``: everything)."""


def _text(value: Any) -> str:
    if isinstance(value, Password):
        return str(value.value())
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ",".join(_text(v) for v in value)
    return str(value)


def common_client_config(worker_props: Mapping[str, Any]) -> dict[str, Any]:
    """The top-level worker keys that configure every client (:data:`COMMON_CLIENT_KEYS`)."""
    result: dict[str, Any] = {}
    for key, value in worker_props.items():
        if any(key == k or (k.endswith(".") and key.startswith(k)) for k in COMMON_CLIENT_KEYS):
            result[key] = value
    return result


def _sniff_store(path: str) -> str:
    """``PEM``, ``JKS`` or ``PKCS12`` from a store file's first bytes."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise ConfigException(f"Cannot read the key or trust store {path}: {exc}") from exc
    if head.lstrip().startswith(b"-----BEGIN"):
        return "PEM"
    if head.startswith(b"\xfe\xed\xfe\xed"):
        return "JKS"
    return "PKCS12"


def _store_type(props: Mapping[str, str], type_key: str, location: str) -> str:
    declared = props.get(type_key, "").strip().upper()
    if declared:
        return declared
    return _sniff_store(location) if Path(location).exists() else "JKS"


def _translate_stores(props: dict[str, str], out: dict[str, str], what: str) -> None:
    trust = props.pop("ssl.truststore.location", None)
    if trust:
        kind = _store_type(props, "ssl.truststore.type", trust)
        if kind != "PEM":
            raise ConfigException(
                f"{what}: ssl.truststore.location {trust} is a {kind} trust store, which "
                "librdkafka cannot read; convert it to PEM (ssl.truststore.type=PEM) or set "
                "librdkafka's ssl.ca.location"
            )
        out["ssl.ca.location"] = trust
    keystore = props.pop("ssl.keystore.location", None)
    if keystore:
        kind = _store_type(props, "ssl.keystore.type", keystore)
        if kind == "PKCS12":
            out["ssl.keystore.location"] = keystore
            password = props.pop("ssl.keystore.password", None)
            if password is not None:
                out["ssl.keystore.password"] = password
        elif kind == "PEM":
            out["ssl.certificate.location"] = keystore
            out["ssl.key.location"] = keystore
            props.pop("ssl.keystore.password", None)
        else:
            raise ConfigException(
                f"{what}: ssl.keystore.location {keystore} is a {kind} key store, which "
                "librdkafka cannot read; convert it to PKCS12 or PEM (ssl.keystore.type) or set "
                "librdkafka's ssl.certificate.location and ssl.key.location"
            )
    else:
        password = props.pop("ssl.keystore.password", None)
        if password is not None:
            out["ssl.keystore.password"] = password


def _translate_jaas(jaas: str, out: dict[str, str], what: str) -> None:
    text = jaas.strip()
    module = text.split(None, 1)[0] if text else ""
    options = {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _JAAS_OPTION.finditer(text)
    }
    options = {k: re.sub(r"\\(.)", r"\1", v) for k, v in options.items()}
    simple = module.rsplit(".", 1)[-1]
    if simple in ("PlainLoginModule", "ScramLoginModule"):
        if "username" in options:
            out["sasl.username"] = options["username"]
        if "password" in options:
            out["sasl.password"] = options["password"]
        return
    if simple == "Krb5LoginModule":
        if "keyTab" in options:
            out["sasl.kerberos.keytab"] = options["keyTab"]
        if "principal" in options:
            out["sasl.kerberos.principal"] = options["principal"]
        return
    raise ConfigException(
        f"{what}: sasl.jaas.config uses the login module {module or '(none)'}, which connectpy "
        "cannot translate for librdkafka (it reads PlainLoginModule, ScramLoginModule and "
        "Krb5LoginModule); set librdkafka's sasl.* keys (sasl.username, sasl.password, "
        "sasl.oauthbearer.*) instead"
    )


def _assignors(value: str, what: str) -> str:
    names: list[str] = []
    for raw in value.split(","):
        item = raw.strip()
        if not item:
            continue
        simple = item.rsplit(".", 1)[-1].lower()
        mapped = _ASSIGNORS.get(simple)
        if mapped is None:
            raise ConfigException(
                f"{what}: partition.assignment.strategy {item} has no librdkafka counterpart "
                "(use range, roundrobin or cooperative-sticky, or their Java class names)"
            )
        if mapped not in names:
            names.append(mapped)
    if "cooperative-sticky" in names and len(names) > 1:
        log.warning(
            "%s: partition.assignment.strategy %s mixes eager and cooperative assignors, which "
            "librdkafka does not allow; using cooperative-sticky only",
            what,
            value,
        )
        names = ["cooperative-sticky"]
    return ",".join(names)


def to_librdkafka(props: Mapping[str, Any], kind: str, what: str | None = None) -> dict[str, str]:
    """Translate one client's Java properties into librdkafka properties (see module docs).

    ``kind`` is ``"producer"``, ``"consumer"`` or ``"admin"``; ``what`` names the client in
    error messages. Values become strings (passwords revealed, booleans ``true``/``false``).
    """
    label = what or f"the {kind} configuration"
    raw = {str(k): _text(v) for k, v in props.items() if v is not None}
    out: dict[str, str] = {}
    _translate_stores(raw, out, label)
    jaas = raw.pop("sasl.jaas.config", None)
    if jaas:
        _translate_jaas(jaas, out, label)
    for key, value in raw.items():
        if key in JAVA_ONLY:
            continue
        if key == "request.timeout.ms" and kind != "producer":
            out["socket.timeout.ms"] = value
            continue
        if key in ("send.buffer.bytes", "receive.buffer.bytes"):
            out[RENAMED[key]] = "0" if value.strip() == "-1" else value
            continue
        if key == "buffer.memory":
            try:
                out[RENAMED[key]] = str(max(1, math.ceil(int(value) / 1024)))
            except ValueError as exc:
                raise ConfigException(key, value, "Not a number of bytes") from exc
            continue
        if key == "auto.offset.reset":
            out[key] = "error" if value.strip().lower() == "none" else value.strip().lower()
            continue
        if key == "partition.assignment.strategy":
            out[key] = _assignors(value, label)
            continue
        if key == "ssl.endpoint.identification.algorithm":
            out[key] = value.strip().lower() or "none"
            continue
        out[RENAMED.get(key, key)] = value
    return out


_UNKNOWN_PROPERTY = re.compile(r'No such configuration property: "([^"]+)"')


def create_client(
    factory: Callable[[dict[str, Any]], T], config: Mapping[str, Any], what: str
) -> T:
    """Create a confluent-kafka client; properties librdkafka does not know are dropped with a
    warning (as a Java client ignores unknown ones), bad values raise ConfigException."""
    conf = dict(config)
    dropped: list[str] = []
    for _ in range(len(conf) + 1):
        try:
            client = factory(dict(conf))
        except confluent_kafka.KafkaException as exc:
            message = exc.args[0].str() if exc.args else str(exc)
            match = _UNKNOWN_PROPERTY.search(message)
            if match is None or match.group(1) not in conf:
                raise ConfigException(f"Invalid configuration of {what}: {message}") from exc
            dropped.append(match.group(1))
            del conf[match.group(1)]
            continue
        except (ValueError, TypeError) as exc:
            raise ConfigException(f"Invalid configuration of {what}: {exc}") from exc
        if dropped:
            log.warning(
                "The configuration(s) %s of %s are not known to librdkafka and were ignored",
                ", ".join(dropped),
                what,
            )
        return client
    raise ConfigException(f"Invalid configuration of {what}")  # pragma: no cover


def override_policy_name(value: Any) -> str:
    """The policy (``None``, ``Principal`` or ``All``) a ``connector.client.config.override.policy``
    value names: the alias, or Kafka's class name, in any case."""
    text = str(value or "All").strip()
    simple = text.rsplit(".", 1)[-1]
    if simple.endswith("ConnectorClientConfigOverridePolicy"):
        simple = simple[: -len("ConnectorClientConfigOverridePolicy")]
    for name in OVERRIDE_POLICIES:
        if name.lower() == simple.lower():
            return name
    raise ConfigException(
        "connector.client.config.override.policy",
        value,
        "Expected one of None, Principal, All (or Kafka's class names for them)",
    )


def client_override_errors(policy: str, overrides: Mapping[str, Any]) -> dict[str, str]:
    """The keys of ``overrides`` (prefix removed) ``policy`` does not allow, with Kafka's
    message for each."""
    allowed = OVERRIDE_POLICIES[override_policy_name(policy)]
    if allowed is None:
        return {}
    name = override_policy_name(policy)
    return {
        key: (
            f"The '{name}' policy does not allow '{key}' to be overridden in the connector "
            "configuration."
        )
        for key in overrides
        if key not in allowed
    }


def check_client_overrides(
    policy: str, connector_config: Mapping[str, Any], prefix: str, connector: str
) -> dict[str, Any]:
    """The connector's ``prefix`` keys (``producer.override.`` ...), prefix removed; raises
    :class:`~connect_data.ConnectException` if ``policy`` forbids any of them."""
    overrides = {
        key[len(prefix) :]: value
        for key, value in connector_config.items()
        if key.startswith(prefix)
    }
    errors = client_override_errors(policy, overrides)
    if errors:
        raise ConnectException(
            f"Client Config Overrides not allowed for connector {connector}: "
            + " ".join(errors.values())
        )
    return overrides
