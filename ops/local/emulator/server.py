#!/usr/bin/env python3
"""The local AWS: moto_server, taught the CloudFormation resources ops/cloudformation uses
(cloudformation_additions) and made to authorise requests as AWS does (strict_iam).

    server.py PORT        listens on 127.0.0.1:PORT

It starts without enforcement, so an administrator can be created (ops/local/deploy-stacks.sh does that, then
deploys the templates). POST /moto-api/reset-auth with the body 0 turns enforcement on: from then on every
request must be signed by a known access key, and is allowed only by the caller's policies.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import cloudformation_additions  # noqa: E402,F401  (installs itself on import)
import strict_iam  # noqa: E402

strict_iam.install()

if __name__ == "__main__":
    from moto.server import main

    main(["-H", "127.0.0.1", "-p", sys.argv[1]])
