"""How Sportello runs on several servers: the load balancer's configuration and the local cluster."""
