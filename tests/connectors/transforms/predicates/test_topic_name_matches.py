"""TopicNameMatches: the behaviours of Kafka's TopicNameMatchesTest."""

from __future__ import annotations

import pytest

from connect_data.config import ConfigException
from connectors.record import SourceRecord
from connectors.transforms import TopicNameMatches


def predicate(pattern: str) -> TopicNameMatches[SourceRecord]:
    result: TopicNameMatches[SourceRecord] = TopicNameMatches()
    result.configure({"pattern": pattern})
    return result


def test_pattern_required() -> None:
    """pattern has no default."""
    with pytest.raises(ConfigException, match=r'Missing required configuration "pattern"'):
        TopicNameMatches().configure({})


def test_pattern_may_not_be_empty() -> None:
    """An empty pattern is rejected."""
    with pytest.raises(ConfigException, match=r"String must be non-empty"):
        predicate("")


def test_pattern_must_be_a_regex() -> None:
    """An invalid regular expression is rejected."""
    with pytest.raises(ConfigException, match=r"Invalid regex"):
        predicate("[")


def test_test_matches_whole_topic() -> None:
    """True when the whole topic name matches (not a prefix or substring)."""
    matcher = predicate("my-prefix-.*")
    assert matcher.test(SourceRecord(topic="my-prefix-"))
    assert matcher.test(SourceRecord(topic="my-prefix-foo"))
    assert not matcher.test(SourceRecord(topic="x-my-prefix-"))
    assert not matcher.test(SourceRecord(topic="x-my-prefix-foo"))
    assert not matcher.test(SourceRecord(topic="your-prefix-"))
    assert not predicate("foo").test(SourceRecord(topic="foobar"))


def test_java_syntax_and_repr() -> None:
    """Java-only syntax works; repr is Java's toString."""
    assert predicate("(?<env>prod)-\\p{Alpha}+").test(SourceRecord(topic="prod-orders"))
    assert repr(predicate("a.*")) == "TopicNameMatches{pattern=a.*}"
    assert set(TopicNameMatches().config().names()) == {"pattern"}
