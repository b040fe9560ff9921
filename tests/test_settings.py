"""Settings: precedence, type coercion, and refusal of unknown keys."""

import pytest

from knowledge.errors import ConfigError, UnknownComponent
from knowledge.registry import Registry
from knowledge.settings import Settings


def test_defaults_are_offline(tmp_path):
    s = Settings.load(env={"XQA_DATA_DIR": str(tmp_path)})
    assert s.embedder == "use-multilingual"
    assert s.generator == "extractive"
    assert s.chroma_host == ""
    assert s.index_dir == tmp_path / "index"


def test_env_overrides_config_file_and_overrides_win(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('top_k = 9\nport = 9000\ncors_origins = ["https://portal.example"]\n', encoding="utf-8")
    env = {"XQA_DATA_DIR": str(tmp_path), "XQA_PORT": "9100"}
    s = Settings.load(env=env, overrides={"host": "0.0.0.0"})
    assert (s.top_k, s.port, s.host) == (9, 9100, "0.0.0.0")
    assert s.cors_origins == ("https://portal.example",)


def test_explicit_config_path_and_comma_lists(tmp_path):
    cfg = tmp_path / "elsewhere.toml"
    cfg.write_text('[xinzhi-qa]\ngenerator = "openai"\n', encoding="utf-8")
    s = Settings.load(env={"XQA_CONFIG": str(cfg), "XQA_CORS_ORIGINS": "https://a.org, https://b.org"})
    assert s.generator == "openai"
    assert s.cors_origins == ("https://a.org", "https://b.org")


@pytest.mark.parametrize(
    "env",
    [{"XQA_TOPK": "5"}, {"XQA_EMBEDER": "x"}],
)
def test_unknown_env_key_is_refused_with_valid_names(env):
    with pytest.raises(ConfigError) as err:
        Settings.load(env=env)
    assert "XQA_TOP_K" in str(err.value)
    assert "(did you mean XQA_" in str(err.value)


def test_unknown_config_key_and_bad_type_are_refused(tmp_path):
    (tmp_path / "config.toml").write_text("chunk_size = 10\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="chunk_size"):
        Settings.load(env={"XQA_DATA_DIR": str(tmp_path)})
    with pytest.raises(ConfigError, match="top_k expects int"):
        Settings.load(env={"XQA_TOP_K": "many"})


def test_missing_or_broken_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        Settings.load(env={"XQA_CONFIG": str(tmp_path / "nope.toml")})
    bad = tmp_path / "bad.toml"
    bad.write_text("top_k = [", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Settings.load(env={"XQA_CONFIG": str(bad)})


def test_redacted_hides_api_key(tmp_path):
    s = Settings.load(env={"XQA_DATA_DIR": str(tmp_path), "XQA_LLM_API_KEY": "sk-secret"})
    shown = s.redacted()
    assert shown["assistant"]["llm_api_key"] == "***" and shown["knowledge"]["data_dir"] == str(tmp_path)
    assert set(shown) == {"knowledge", "assistant", "web"} and shown["web"]["trusted_proxies"] == ["127.0.0.1", "::1"]
    assert all(info.description for info in Settings.model_fields.values())


def test_registry_lookup_raises_typed_error_and_passes_argument():
    reg: Registry[tuple] = Registry("widget")

    @reg.register("plain")
    def plain(arg: str = "", **kw):
        return ("plain", arg, kw)

    assert reg.create("plain") == ("plain", "", {})
    assert reg.create("plain:some/model", size=3) == ("plain", "some/model", {"size": 3})
    with pytest.raises(UnknownComponent) as err:
        reg.create("nope")
    assert "plain" in str(err.value) and err.value.kind == "widget"


def test_console_help_and_unknown_command(capsys):
    from web.console import main

    assert main(["--help"]) == 0
    assert "serve" in capsys.readouterr().out
    assert main(["frobnicate"]) == 2
    assert "unknown command" in capsys.readouterr().err


def test_readme_configuration_table_is_current():
    """Regenerate with `python -m knowledge config --markdown` when a setting changes."""
    from pathlib import Path

    from knowledge.settings import configuration_table

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- settings-table:", 1)[1].split("-->", 1)[1].split("<!-- /settings-table -->", 1)[0]
    assert table.strip() == configuration_table(), "README's table is stale: python -m knowledge config --markdown"


def test_sections_partition_the_settings_and_keep_flat_access(tmp_path):
    from knowledge.settings import AssistantSettings, KnowledgeSettings, WebSettings

    sections = [KnowledgeSettings, AssistantSettings, WebSettings]
    names = [n for kind in sections for n in kind.model_fields]
    assert sorted(names) == sorted(Settings.model_fields) and len(names) == len(set(names))
    s = Settings.load(env={"XQA_DATA_DIR": str(tmp_path), "XQA_PORT": "9001", "XQA_LLM_MODEL": "m"})
    assert s.section("web").port == s.port == 9001
    assert s.section("assistant").llm_model == "m"
    assert isinstance(s, KnowledgeSettings) and s.section("knowledge").data_dir == tmp_path


def test_replace_validates_and_refuses_unknown(tmp_path):
    s = Settings.load(env={"XQA_DATA_DIR": str(tmp_path)})
    assert s.replace(top_k="3").top_k == 3 and s.top_k == 6
    with pytest.raises(ConfigError, match="port expects int"):
        s.replace(port="eighty")
    with pytest.raises(ConfigError, match="unknown setting.*topk"):
        s.replace(topk=3)


def test_empty_variables_mean_off_and_empty(tmp_path):
    env = {
        "XQA_DATA_DIR": str(tmp_path),
        "XQA_GRADIO_MONITORING": "",
        "XQA_TRUSTED_PROXIES": "",
        "XQA_CORS_ORIGINS": "",
    }
    s = Settings.load(env=env)
    assert (s.gradio_monitoring, s.trusted_proxies, s.cors_origins) == (False, (), ())
    assert Settings.load(env={**env, "XQA_GRADIO_MONITORING": "on"}).gradio_monitoring is True


def test_bad_value_in_config_file_names_the_key(tmp_path):
    (tmp_path / "config.toml").write_text('gradio_monitoring = "maybe"\ntrusted_proxies = ["10.0.0.1"]\n')
    with pytest.raises(ConfigError, match="gradio_monitoring expects bool, got 'maybe'"):
        Settings.load(env={"XQA_DATA_DIR": str(tmp_path)})
    (tmp_path / "config.toml").write_text('trusted_proxies = ["10.0.0.1"]\n')
    assert Settings.load(env={"XQA_DATA_DIR": str(tmp_path)}).trusted_proxies == ("10.0.0.1",)


def test_config_command_prints_settings_and_table(tmp_path, monkeypatch, capsys):
    import json

    from knowledge.cli import main

    monkeypatch.setenv("XQA_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("XQA_LLM_API_KEY", "sk-secret")
    assert main(["config"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["knowledge"]["data_dir"] == str(tmp_path) and shown["assistant"]["llm_api_key"] == "***"
    assert main(["config", "--markdown"]) == 0
    assert "`XQA_TRUSTED_PROXIES` | web |" in capsys.readouterr().out
