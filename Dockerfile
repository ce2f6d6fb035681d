# The api and worker image. Build: docker build -t call-orchestrator .
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
ENV NODE_ENV=production HOST=0.0.0.0
# The process to run is chosen by the compose file: api/main.ts or workers/main.ts.
CMD ["npx", "tsx", "api/main.ts"]
