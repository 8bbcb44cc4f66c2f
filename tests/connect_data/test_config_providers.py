"""Tests of connect_data.config.providers (Kafka's FileConfigProviderTest,
DirectoryConfigProviderTest, EnvVarConfigProviderTest and AllowedPathsTest behaviours)."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest

from connect_data.config import (
    ConfigData,
    ConfigException,
    ConfigProvider,
    DirectoryConfigProvider,
    EnvVarConfigProvider,
    FileConfigProvider,
)
from connect_data.config.providers import AllowedPaths


def file_provider(allowed: str | None = None) -> FileConfigProvider:
    provider = FileConfigProvider()
    provider.configure({} if allowed is None else {"allowed.paths": allowed})
    return provider


def dir_provider(allowed: str | None = None) -> DirectoryConfigProvider:
    provider = DirectoryConfigProvider()
    provider.configure({} if allowed is None else {"allowed.paths": allowed})
    return provider


@pytest.fixture
def secrets(tmp_path: Path) -> Path:
    file = tmp_path / "secrets" / "app.properties"
    file.parent.mkdir()
    file.write_text("testKey=testResult\ntestKey2: testResult2\n# comment\nesc=a\\tb\\u00e9\n")
    return file


# --------------------------------------------------------------------------- FileConfigProvider


def test_file_get_all_keys(secrets: Path) -> None:
    """Without keys, every property of the file is returned, parsed as java.util.Properties."""
    data = file_provider().get(str(secrets))
    assert data.data() == {"testKey": "testResult", "testKey2": "testResult2", "esc": "a\tb\u00e9"}
    assert data.ttl() is None


def test_file_get_some_keys(secrets: Path) -> None:
    """With keys, only those found are returned; missing keys are left out."""
    data = file_provider().get(str(secrets), {"testKey", "missing"})
    assert data.data() == {"testKey": "testResult"}


def test_file_empty_path_gives_no_data() -> None:
    """An empty path yields empty data, not an error."""
    assert file_provider().get("").data() == {}
    assert file_provider().get("", {"a"}).data() == {}


def test_file_missing_file_is_a_config_exception(tmp_path: Path) -> None:
    """A file that cannot be read raises ConfigException naming it."""
    path = str(tmp_path / "nope.properties")
    with pytest.raises(ConfigException, match=r"Could not read properties from file .*nope"):
        file_provider().get(path, {"a"})


def test_file_invalid_utf8_is_a_config_exception(tmp_path: Path) -> None:
    """A file that is not UTF-8 cannot be read (Java's reader refuses it too)."""
    file = tmp_path / "latin.properties"
    file.write_bytes(b"k=\xe9\xff\n")
    with pytest.raises(ConfigException, match="Could not read properties"):
        file_provider().get(str(file))


def test_file_allowed_paths_allow_files_below(secrets: Path) -> None:
    """A file under one of allowed.paths is read."""
    provider = file_provider(f"{secrets.parent},/")
    assert provider.get(str(secrets), {"testKey"}).data() == {"testKey": "testResult"}


def test_file_outside_allowed_paths_gives_no_data(secrets: Path, tmp_path: Path) -> None:
    """A file outside allowed.paths yields no data, also when reached through '..'."""
    other = tmp_path / "other"
    other.mkdir()
    provider = file_provider(str(other))
    assert provider.get(str(secrets), {"testKey"}).data() == {}
    assert provider.get(f"{other}/../secrets/app.properties", {"testKey"}).data() == {}
    assert provider.get("secrets/app.properties", {"testKey"}).data() == {}


def test_file_traversal_inside_allowed_paths_is_normalised(secrets: Path) -> None:
    """A path that leaves and re-enters an allowed directory is read, normalised."""
    allowed = secrets.parent
    path = f"{allowed}/../{allowed.name}/./{secrets.name}"
    assert file_provider(str(allowed)).get(path, {"testKey"}).data() == {"testKey": "testResult"}


def test_file_allowed_path_prefix_is_by_component(tmp_path: Path) -> None:
    """/a/secrets does not allow /a/secrets-other (path components, not string prefixes)."""
    (tmp_path / "secrets").mkdir()
    sibling = tmp_path / "secrets-other"
    sibling.mkdir()
    (sibling / "f.properties").write_text("k=v\n")
    provider = file_provider(str(tmp_path / "secrets"))
    assert provider.get(str(sibling / "f.properties")).data() == {}


@pytest.mark.parametrize("value", ["relative/path", "/no/such/path/anywhere"])
def test_allowed_paths_must_be_absolute_and_exist(value: str) -> None:
    """allowed.paths entries that are relative or missing are refused with Kafka's message."""
    with pytest.raises(
        ConfigException, match=r"is not valid\. The path should be absolute and exist"
    ):
        file_provider(value)
    with pytest.raises(ConfigException, match="The path should be absolute and exist"):
        dir_provider(value)


def test_allowed_paths_empty_allows_everything(secrets: Path) -> None:
    """An empty allowed.paths restricts nothing, and parse_untrusted_path keeps the path."""
    assert AllowedPaths("").parse_untrusted_path("a/../b") == Path("a/../b")
    assert file_provider("").get(str(secrets), {"testKey"}).data() == {"testKey": "testResult"}


def test_unconfigured_file_and_directory_providers_refuse() -> None:
    """get() before configure() raises, as Kafka's IllegalStateException."""
    with pytest.raises(ConfigException, match="not been configured"):
        FileConfigProvider().get("/x")
    with pytest.raises(ConfigException, match="not been configured"):
        DirectoryConfigProvider().get("/x")


# --------------------------------------------------------------------- DirectoryConfigProvider


@pytest.fixture
def secret_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "dir"
    directory.mkdir()
    (directory / "foo").write_text("FOO\n")
    (directory / "bar").write_bytes(b"BAR")
    (directory / "subdir").mkdir()
    (directory / "subdir" / "baz").write_text("BAZ")
    return directory


def test_directory_get_all_regular_files(secret_dir: Path) -> None:
    """Every regular file is a key with its whole content; subdirectories are skipped."""
    assert dir_provider().get(str(secret_dir)).data() == {"foo": "FOO\n", "bar": "BAR"}


def test_directory_get_some_keys(secret_dir: Path) -> None:
    """Only the named files; names of directories or missing files give nothing."""
    data = dir_provider().get(str(secret_dir), {"foo", "subdir", "missing", "subdir/baz"})
    assert data.data() == {"foo": "FOO\n"}


def test_directory_non_directory_or_empty_path_gives_no_data(secret_dir: Path) -> None:
    """A file, a missing path or an empty path yields empty data."""
    provider = dir_provider()
    assert provider.get(str(secret_dir / "foo")).data() == {}
    assert provider.get(str(secret_dir / "missing")).data() == {}
    assert provider.get("").data() == {}


def test_directory_allowed_paths(secret_dir: Path, tmp_path: Path) -> None:
    """A directory under allowed.paths is read; another one is not."""
    assert dir_provider(str(secret_dir)).get(str(secret_dir), {"bar"}).data() == {"bar": "BAR"}
    assert dir_provider(str(secret_dir)).get(str(secret_dir / "subdir")).data() == {"baz": "BAZ"}
    other = tmp_path / "other"
    other.mkdir()
    assert dir_provider(str(other)).get(str(secret_dir)).data() == {}
    assert dir_provider(str(other)).get(f"{other}/../dir").data() == {}


def test_directory_undecodable_content_is_replaced(tmp_path: Path) -> None:
    """Bytes that are not UTF-8 become U+FFFD, as Java's new String(bytes, UTF_8)."""
    (tmp_path / "k").write_bytes(b"a\xffb")
    assert dir_provider().get(str(tmp_path)).data() == {"k": "a\ufffdb"}


# ------------------------------------------------------------------------- EnvVarConfigProvider

ENV = {"test_var1": "value1", "secret_var2": "value2", "new_var3": "value3", "not_so_random": "x"}


def env_provider(pattern: str | None = None) -> EnvVarConfigProvider:
    provider = EnvVarConfigProvider(ENV)
    provider.configure({} if pattern is None else {"allowlist.pattern": pattern})
    return provider


def test_env_get_all_and_some() -> None:
    """Without a pattern every variable is visible; keys select some."""
    assert env_provider().get("").data() == ENV
    assert env_provider().get("", {"test_var1", "missing"}).data() == {"test_var1": "value1"}


def test_env_path_is_refused() -> None:
    """A non-empty path raises ConfigException with Kafka's message."""
    with pytest.raises(
        ConfigException,
        match="Path is not supported for EnvVarConfigProvider, invalid value 'some/path'",
    ):
        env_provider().get("some/path", {"test_var1"})


def test_env_allowlist_pattern_is_searched() -> None:
    """allowlist.pattern keeps names containing a match (Java's asPredicate uses find())."""
    assert env_provider("var").get("").data() == {
        "test_var1": "value1",
        "secret_var2": "value2",
        "new_var3": "value3",
    }
    assert env_provider("^secret").get("", {"secret_var2", "test_var1"}).data() == {
        "secret_var2": "value2"
    }
    assert env_provider("^nothing$").get("").data() == {}


def test_env_invalid_pattern_is_a_config_exception() -> None:
    """An invalid regular expression is refused naming the setting."""
    with pytest.raises(ConfigException, match=r"allowlist\.pattern"):
        env_provider("(")


def test_env_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an explicit mapping the provider sees os.environ as it was at creation."""
    monkeypatch.setenv("CONNECTPY_TEST_PROVIDER_VAR", "here")
    provider = EnvVarConfigProvider()
    provider.configure({})
    assert provider.get("", {"CONNECTPY_TEST_PROVIDER_VAR"}).data() == {
        "CONNECTPY_TEST_PROVIDER_VAR": "here"
    }


# -------------------------------------------------------------------- ConfigData, ConfigProvider


def test_config_data_equality_and_repr_hides_values() -> None:
    """ConfigData compares by data and ttl; its repr shows keys, never values."""
    assert ConfigData({"a": "1"}, 5) == ConfigData({"a": "1"}, 5)
    assert ConfigData({"a": "1"}) != ConfigData({"a": "1"}, 5)
    assert "s3cr3t" not in repr(ConfigData({"password": "s3cr3t"}))


class _Minimal(ConfigProvider):
    closed = False

    def get(self, path: str, keys: Collection[str] | None = None) -> ConfigData:
        return ConfigData({})

    def close(self) -> None:
        self.closed = True


def test_provider_subscriptions_are_unsupported_by_default() -> None:
    """subscribe/unsubscribe/unsubscribe_all raise NotImplementedError unless overridden."""
    provider = _Minimal()
    with pytest.raises(NotImplementedError):
        provider.subscribe("p", {"k"}, lambda path, data: None)
    with pytest.raises(NotImplementedError):
        provider.unsubscribe("p", {"k"}, lambda path, data: None)
    with pytest.raises(NotImplementedError):
        provider.unsubscribe_all()


def test_provider_is_a_context_manager() -> None:
    """Leaving a with-block closes the provider."""
    with _Minimal() as provider:
        assert isinstance(provider, _Minimal)
    assert provider.closed
