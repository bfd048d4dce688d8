package io.temporarr.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import java.util.List;

/** This machine's own addresses, to show a listener is reachable on loopback only. */
public final class LocalAddresses {

  private LocalAddresses() {}

  /** Every address of an interface that is up, except loopback and link-local ones. */
  public static List<InetAddress> nonLoopback() {
    try {
      return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
          .filter(LocalAddresses::isUp)
          .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
          .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
          .toList();
    } catch (SocketException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a TCP connection to {@code address}:{@code port} is accepted. */
  public static boolean accepts(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
