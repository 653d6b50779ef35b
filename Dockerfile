# The image of the web, worker and beat services.
FROM python:3.13-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core nodejs npm \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/icp-portal
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
# The same pinned, hash-checked wheels as make setup and CI. The portal runs from this folder
# (manage.py, gunicorn icp_portal.wsgi, celery -A icp_portal): it is not installed itself.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes --only-binary :all: -r requirements.lock
COPY . .
RUN DEBUG=true python manage.py collectstatic --noinput

RUN useradd --system --home /srv/icp-portal portal && mkdir -p /srv/media && chown portal /srv/media
USER portal
EXPOSE 8000
