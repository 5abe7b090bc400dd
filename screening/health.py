"""Liveness and readiness endpoints for the process supervisor and the load balancer."""

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from screening.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def alive():
    """The process is up and answering."""
    return jsonify(status="ok")


@bp.get("/readyz")
def ready():
    """The database answers a query; 503 when it does not, so no traffic is sent here."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable", database="unreachable"), 503
    return jsonify(status="ok", database="ok")
