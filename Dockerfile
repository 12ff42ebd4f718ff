# Slate for many workspaces: `slate serve` by default; run `slate worker` from the same image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md app_manifest.yml ./
COPY bot ./bot
# Compiled at build (the default): a process that starts compiles nothing (~0.1-0.2 s a start).
RUN pip install . \
    && useradd --create-home --uid 10001 slate \
    && mkdir -p /app/data && chown slate /app/data
USER slate

EXPOSE 3000
# /healthz answers 200 while the database is reachable (bot/web.py).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:3000/healthz', timeout=2).status != 200)"]
CMD ["slate", "serve", "--host", "0.0.0.0", "--port", "3000"]
