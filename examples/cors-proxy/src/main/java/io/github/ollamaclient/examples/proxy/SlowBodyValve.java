package io.github.ollamaclient.examples.proxy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes the connection after an error answer whose request body was not read (a refused path,
 * origin or method, a body over the limit, one slower than {@code app.body-timeout}), instead of
 * letting Tomcat read the rest of the body first. Tomcat drains an unread body ("swallows" it, up
 * to {@code server.tomcat.max-swallow-size}) to keep the connection alive, and drains it as slowly
 * as the client sends it: a client trickling a byte every few seconds would hold a worker thread
 * for days after being refused. Successful answers, and errors after the whole body was read, keep
 * the connection as before. The code writing such a refusal sends {@code Connection: close} with
 * it, so the client does not reuse the socket (the answer is already on its way when this runs).
 */
final class SlowBodyValve extends ValveBase {

  SlowBodyValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    if (response.getStatus() >= 400) {
      AtomicBoolean fullyRead = new AtomicBoolean(true);
      request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, fullyRead);
      if (!fullyRead.get()) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
      }
    }
  }

  /** Puts the valve in front of every request Tomcat serves. */
  @Component
  static final class Installer
      implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
      factory.addEngineValves(new SlowBodyValve());
    }
  }
}
