"""Drives real Django for sessionkit's interoperability tests (dev.sessionkit.django).

Reads one JSON request from standard input and writes one JSON response to standard output:

    {"secret_key": "...", "operations": [{"op": "encode", "data": {...}, "time": 1700000000}, ...]}
    -> {"django": "3.2.25", "results": [...]}

Operations, each answered in order by one result:

    encode   {"data": {...}, "time": seconds}  -> the session_data Django's SessionStore().encode
             writes (django.core.signing.dumps with the sessions salt, compress=True), signed at
             that second
    decode   {"session_data": "..."}           -> {"data": {...}}, what SessionStore().decode reads
             ({} when the signature does not match, as Django logs "Session data corrupted")

and with Django's signed_cookies SessionStore (salt django.contrib.sessions.backends.signed_cookies):

    cookie_create {"data": {...}, "time": secs?} -> the cookie value Django's save() makes (signed at
                                                  that second, else now)
    cookie_load   {"value": "..."}               -> {"data": {...}}, what Django reads from it ({}
                                                  when refused: bad signature, or signed more than
                                                  SESSION_COOKIE_AGE ago)

With a "database" in the request ({"name", "user", "host", "port", "schema"}: PostgreSQL through
psycopg2, tables looked up in that schema), the database backend's SessionStore works on the
django_session table there:

    sqlmigrate                                  -> the SQL Django's migration creates the table with
    db_create {"data": {...}, "expiry": secs?}  -> the new session's key (expiry: set_expiry(secs))
    db_load   {"session_key": "..."}            -> {"data", "session_key" (null when Django found
                                                   no live row), "exists"}
    db_update {"session_key": "...", "set": {}} -> the key it saved under, after setting those keys
    db_clear_expired                            -> null, after SessionStore.clear_expired()

Django is configured standalone (settings.configure), with the database backend's SessionStore,
USE_TZ and UTC.
"""
import json
import sys
import time
from unittest import mock

import django
from django.conf import settings


def main():
    request = json.load(sys.stdin)
    databases = {}
    if "database" in request:
        database = request["database"]
        databases["default"] = {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": database["name"],
            "USER": database["user"],
            "PASSWORD": database.get("password", ""),
            "HOST": database["host"],
            "PORT": str(database["port"]),
            "OPTIONS": {"options": "-c search_path=%s" % database["schema"]},
        }
    settings.configure(
        SECRET_KEY=request["secret_key"],
        DATABASES=databases,
        TIME_ZONE="UTC",
        INSTALLED_APPS=["django.contrib.sessions"],
        SESSION_ENGINE="django.contrib.sessions.backends.db",
        USE_TZ=True,
        # Django 3.2 only: make sure the current (sha256, django.core.signing) format is written,
        # not the pre-3.1 one; later Django versions have no such setting and write it always.
        **({"DEFAULT_HASHING_ALGORITHM": "sha256"} if django.VERSION < (4, 0) else {}),
    )
    django.setup()
    from django.contrib.sessions.backends.db import SessionStore

    results = []
    for operation in request["operations"]:
        op = operation["op"]
        if op == "encode":
            with mock.patch("time.time", return_value=float(operation["time"])):
                results.append(SessionStore().encode(operation["data"]))
        elif op == "decode":
            results.append({"data": SessionStore().decode(operation["session_data"])})
        elif op == "cookie_create":
            from django.contrib.sessions.backends.signed_cookies import SessionStore as Cookie
            cookie = Cookie()
            cookie.update(operation["data"])
            with mock.patch("time.time", return_value=float(operation.get("time", time.time()))):
                cookie.save()
            results.append(cookie.session_key)
        elif op == "cookie_load":
            from django.contrib.sessions.backends.signed_cookies import SessionStore as Cookie
            results.append({"data": dict(Cookie(session_key=operation["value"]).items())})
        elif op == "sqlmigrate":
            from io import StringIO
            from django.core.management import call_command
            output = StringIO()
            call_command("sqlmigrate", "sessions", "0001", stdout=output)
            results.append(output.getvalue())
        elif op == "db_create":
            session = SessionStore()
            session.update(operation["data"])
            if "expiry" in operation:
                session.set_expiry(operation["expiry"])
            session.create()
            results.append(session.session_key)
        elif op == "db_load":
            key = operation["session_key"]
            session = SessionStore(session_key=key)
            data = dict(session.items())
            results.append(
                {"data": data, "session_key": session.session_key, "exists": session.exists(key)})
        elif op == "db_update":
            session = SessionStore(session_key=operation["session_key"])
            session.update(operation["set"])
            session.save()
            results.append(session.session_key)
        elif op == "db_clear_expired":
            SessionStore.clear_expired()
            results.append(None)
        else:
            raise ValueError("unknown operation %r" % op)
    json.dump({"django": django.get_version(), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
