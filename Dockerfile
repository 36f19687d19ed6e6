# One image for the api and the worker (docker-compose.yml picks the command).
# The back office is built in its own stage: its tool chain (Vite, react-admin) are dev dependencies.
FROM node:20-bookworm-slim AS back-office
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY admin ./admin
COPY domain ./domain
RUN npm run admin:build

FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=back-office /app/admin/dist ./admin/dist
# The worker's workflow bundle (webpack), built once here: the worker uses .data/workflow-bundle.js while
# it matches workflows/, domain/ and package-lock.json, so a container starts without bundling.
RUN npx tsx scripts/bundle-workflows.ts --force
ENV NODE_ENV=production
CMD ["npx", "tsx", "api/main.ts"]
