// Where the page finds the services. Change these when they run elsewhere; nothing else to build.
window.APP_CONFIG = {
  proxyUrl: "http://localhost:8080",
  scheduleUrl: "http://localhost:8081",
};
