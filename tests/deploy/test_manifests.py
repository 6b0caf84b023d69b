"""The Kubernetes manifests are valid for the API (offline, kubernetes-validate) and say what we mean.

kubernetes-validate is in requirements-dev.txt: missing, these tests skip locally and fail under
CI=true, as the browser tests do for Chromium.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from deploy.render_haproxy import DEFAULT_API_RATE, RATE_WINDOW_SECONDS

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
KUBERNETES_VERSION = "1.30.0"  # the oldest minor we claim to run on; also checked against the latest


def _validator():
    try:
        from kubernetes_validate import utils
    except ImportError:
        if os.environ.get("CI") == "true":
            pytest.fail("kubernetes-validate is missing under CI=true (requirements-dev.txt)")
        pytest.skip("kubernetes-validate is not installed (pip install -r requirements-dev.txt)")
    return utils


def load(name: str) -> dict:
    _validator()  # PyYAML comes with kubernetes-validate
    import yaml

    documents = [d for d in yaml.safe_load_all((MANIFESTS / name).read_text()) if d]
    assert len(documents) == 1, f"{name}: one resource per file"
    resource: dict = documents[0]
    return resource


@pytest.mark.parametrize("name", ["deployment.yaml", "service.yaml", "ingress.yaml", "ingress-limited.yaml",
                                  "hpa.yaml"])
def test_manifest_is_valid_kubernetes(name):
    utils = _validator()
    resource = load(name)
    for version in (KUBERNETES_VERSION, utils.latest_version()):
        try:
            utils.validate(resource, version, strict=True)  # strict: unknown fields are errors
        except utils.ValidationError as error:
            pytest.fail(f"{name} against Kubernetes {version}: {error.message} at {list(error.path)}")


def test_every_manifest_is_checked():
    assert sorted(p.name for p in MANIFESTS.glob("*.yaml")) == [
        "deployment.yaml",
        "hpa.yaml",
        "ingress-limited.yaml",
        "ingress.yaml",
        "service.yaml",
    ]


def container() -> dict:
    first: dict = load("deployment.yaml")["spec"]["template"]["spec"]["containers"][0]
    return first


def test_probes_resources_and_non_root():
    spec = load("deployment.yaml")["spec"]["template"]["spec"]
    app = container()
    assert app["readinessProbe"]["httpGet"]["path"] == "/ready"  # the data is loaded and valid
    assert app["livenessProbe"]["httpGet"]["path"] == "/_stcore/health"
    assert {"requests", "limits"} <= set(app["resources"])
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] != 0
    assert app["securityContext"]["allowPrivilegeEscalation"] is False


def test_ports_labels_and_image_agree():
    deployment, service = load("deployment.yaml"), load("service.yaml")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert service["spec"]["selector"].items() <= labels.items()
    port = container()["ports"][0]
    assert service["spec"]["ports"][0]["targetPort"] == port["name"]
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(rf"^EXPOSE {port['containerPort']}$", dockerfile, re.M)
    user = re.search(r"useradd .*--uid (\d+)", dockerfile)
    assert (
        user and int(user.group(1)) == deployment["spec"]["template"]["spec"]["securityContext"]["runAsUser"]
    )
    ingress_backend = load("ingress.yaml")["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert ingress_backend["name"] == service["metadata"]["name"]
    assert load("hpa.yaml")["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]


def test_ingress_pins_a_browser_to_its_pod_and_keeps_websockets_open():
    notes = load("ingress.yaml")["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    assert int(notes["nginx.ingress.kubernetes.io/proxy-read-timeout"]) >= 3600
    assert int(notes["nginx.ingress.kubernetes.io/proxy-send-timeout"]) >= 3600


def test_hpa_scales_on_cpu():
    hpa = load("hpa.yaml")
    assert hpa["apiVersion"] == "autoscaling/v2"
    metric = hpa["spec"]["metrics"][0]
    assert metric["resource"]["name"] == "cpu"
    assert hpa["spec"]["minReplicas"] >= 2


def test_only_the_floodable_paths_are_limited_and_they_keep_the_affinity():
    """A per-client rate on `/` would refuse a first visit (~90 files at once): only the data API and
    new sessions are limited, in their own Ingress, pinned to the pod like every other request."""
    limited, main = load("ingress-limited.yaml"), load("ingress.yaml")
    paths = {(p["path"], p["pathType"]) for p in limited["spec"]["rules"][0]["http"]["paths"]}
    assert paths == {("/api/", "Prefix"), ("/_stcore/stream", "Exact")}
    notes = limited["metadata"]["annotations"]
    per_second = int(notes["nginx.ingress.kubernetes.io/limit-rps"])
    assert per_second * RATE_WINDOW_SECONDS == DEFAULT_API_RATE  # the HAProxy front's API limit
    assert "limit-rps" not in str(main["metadata"]["annotations"])
    affinity = {k: v for k, v in main["metadata"]["annotations"].items() if "affinity" in k or "cookie" in k}
    assert affinity and all(notes[k] == v for k, v in affinity.items())
    assert limited["spec"]["rules"][0]["host"] == main["spec"]["rules"][0]["host"]
