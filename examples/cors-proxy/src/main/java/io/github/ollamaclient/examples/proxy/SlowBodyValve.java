package io.github.ollamaclient.examples.proxy;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Closes the connection after a {@code 408} (a body slower than {@code app.body-timeout}) instead
 * of letting Tomcat read the rest of the body first. Tomcat drains an unread body ("swallows" it,
 * up to {@code server.tomcat.max-swallow-size}) to keep the connection alive, and it drains it as
 * slowly as the client sends it: the worker thread the body timeout just freed would stay held.
 */
final class SlowBodyValve extends ValveBase {

  SlowBodyValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    if (response.getStatus() == 408) {
      request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
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
