# fitledger: one image for the API (`fitledger serve`) and the workers (`fitledger work`).
FROM node:20.18.1-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY migrations ./migrations
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENV NODE_ENV=production
USER node
ENTRYPOINT ["node", "bin/fitledger.js"]
CMD ["serve"]
