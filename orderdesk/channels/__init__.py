"""Channel adapters: talking to the sales platforms' open APIs (Taobao/Tmall TOP, and later Pinduoduo,
Douyin shop and the mini-program back-end).

Every platform is one module implementing `base.ChannelAdapter`: pull the orders changed in a time
window (`fetch_changed`, pages yielded in an order that is safe to store and checkpoint), prove the
credentials with one signed call (`test_credentials`), and send a waybill back (`confirm_shipment`).
What goes wrong is raised as a `base.ChannelError` subclass that says, in Chinese and English and
naming the channel, whether to retry. `fakes/` holds local fake gateways for tests and the demo.

The domain never imports this package's HTTP code; adapters deliver plain `ChannelOrder` objects.
"""
