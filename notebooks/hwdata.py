"""Reads harassment-watch indices from Elasticsearch with plain HTTP (requests) into pandas.

Shared by the notebooks in this folder. Connection from the environment:

  HW_ES_URL        Elasticsearch URL (default http://127.0.0.1:9200; the first of HW_ES_URLS if only that is set)
  HW_PREFIX        index name prefix (default hw-)
  HW_ES_USERNAME / HW_ES_PASSWORD, or HW_ES_API_KEY   optional credentials
  HW_ES_CA_CERT    optional PEM file to trust for https

Field names are those of index-templates/ (documents are built in sink/Documents.java).
"""
import os

import pandas as pd
import requests

PAGE_SIZE = 1000
TIMEOUT_SECONDS = 60


def es_url():
    url = os.environ.get("HW_ES_URL") or (os.environ.get("HW_ES_URLS") or "").split(",")[0].strip()
    return (url or "http://127.0.0.1:9200").rstrip("/")


def prefix():
    return os.environ.get("HW_PREFIX", "hw-")


def index(family):
    """Index name of a family: campaigns, evidence, alerts or dead-letters."""
    return prefix() + family


def _session():
    s = requests.Session()
    if os.environ.get("HW_ES_API_KEY"):
        s.headers["Authorization"] = "ApiKey " + os.environ["HW_ES_API_KEY"]
    elif os.environ.get("HW_ES_USERNAME"):
        s.auth = (os.environ["HW_ES_USERNAME"], os.environ.get("HW_ES_PASSWORD", ""))
    if os.environ.get("HW_ES_CA_CERT"):
        s.verify = os.environ["HW_ES_CA_CERT"]
    return s


_SESSION = _session()


def es(method, path, body=None):
    """One request; raises with Elasticsearch's own error text (never the credentials) when it fails."""
    url = es_url() + "/" + path.lstrip("/")
    try:
        r = _SESSION.request(method, url, json=body, timeout=TIMEOUT_SECONDS)
    except requests.RequestException as e:
        raise RuntimeError(f"cannot reach Elasticsearch at {es_url()} (HW_ES_URL): {e}") from e
    if r.status_code >= 400:
        raise RuntimeError(f"{method} {path} -> HTTP {r.status_code}: {r.text[:500]}")
    return r.json() if r.content else None


def count(family, query=None):
    body = {"query": query} if query else None
    return es("POST", f"{index(family)}/_count", body)["count"]


def search_all(family, query, sort, source=True):
    """Every matching document's _source, paged with search_after; `sort` must be unique per document (keyword
    fields such as campaign_id, or message_id + campaign_id) so that no page boundary skips or repeats one."""
    body = {"size": PAGE_SIZE, "query": query or {"match_all": {}}, "sort": list(sort), "_source": source}
    docs, after = [], None
    while True:
        if after is not None:
            body["search_after"] = after
        hits = es("POST", f"{index(family)}/_search", body)["hits"]["hits"]
        docs.extend(h["_source"] for h in hits)
        if len(hits) < PAGE_SIZE:
            return docs
        after = hits[-1]["sort"]


CAMPAIGN_COLUMNS = ["campaign_id", "version", "primary_kind", "kinds", "status", "severity.tier", "severity.score",
                    "sender_count", "target_count", "message_count", "abusive_message_count", "occasion_count",
                    "first_seen", "last_seen", "first_detected_at", "updated_at"]
TIERS = ["low", "medium", "high", "critical"]


def campaigns(include_merged=False):
    """Latest version of every campaign, one row each, times as UTC timestamps.

    Merged campaigns (absorbed into another; status 'merged', 'merged_into' set) are left out unless asked for,
    since their messages are counted by the campaign that absorbed them.
    """
    query = None if include_merged else {"bool": {"must_not": [{"term": {"status": "merged"}}]}}
    docs = search_all("campaigns", query, sort=("campaign_id",),
                      source={"excludes": ["legal_elements", "incidents", "evidence.message_ids", "severity.rule",
                                           "status_rule", "explanation"]})
    frame = pd.json_normalize(docs)
    if frame.empty:
        return pd.DataFrame(columns=CAMPAIGN_COLUMNS)
    for column in ("first_seen", "last_seen", "first_detected_at", "updated_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    frame["severity.tier"] = pd.Categorical(frame["severity.tier"], categories=TIERS, ordered=True)
    return frame.set_index("campaign_id", drop=False).rename_axis(None)


def campaign(campaign_id):
    """The whole document of one campaign (explanation, legal elements, evidence ids ...)."""
    hits = es("POST", f"{index('campaigns')}/_search",
              {"size": 1, "query": {"term": {"campaign_id": campaign_id}}})["hits"]["hits"]
    if not hits:
        raise LookupError(f"no campaign with campaign_id={campaign_id!r} in {index('campaigns')} at {es_url()}")
    return hits[0]["_source"]


def evidence(query):
    """Evidence messages matching a query, one row per message (a message kept under several campaign ids, e.g.
    before and after a merge, appears once), sorted by event time then message id."""
    docs = search_all("evidence", query, sort=("message_id", "campaign_id"))
    frame = pd.json_normalize(docs)
    if frame.empty:
        return frame
    frame = frame.drop_duplicates("message_id").copy()
    frame["created_at"] = pd.to_datetime(frame["created_at"], utc=True)
    return frame.sort_values(["created_at", "message_id"]).reset_index(drop=True)
