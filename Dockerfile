# The image of the web, worker and beat services.
FROM python:3.13-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core nodejs npm \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /srv/icp-portal
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY pyproject.toml README.md ./
COPY icp_portal ./icp_portal
COPY partners ./partners
COPY meetings ./meetings
COPY decisions ./decisions
COPY risks ./risks
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=true python manage.py collectstatic --noinput

RUN useradd --system --home /srv/icp-portal portal && mkdir -p /srv/media && chown portal /srv/media
USER portal
EXPOSE 8000
