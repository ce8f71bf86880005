<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>AuditView</name>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>All objects</source>
        <translation>All objects</translation>
    </message>
    <message>
        <source>Object (e.g. order number)</source>
        <translation>Object (e.g. order number)</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Object type</source>
        <translation>Object type</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>Object</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation><numerusform>%n entry</numerusform><numerusform>%n entries</numerusform></translation>
    </message>
    <message>
        <source>Export audit trail</source>
        <translation>Export audit trail</translation>
    </message>
    <message>
        <source>Excel (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entries</source>
        <translation><numerusform>Exported %n entry</numerusform><numerusform>Exported %n entries</numerusform></translation>
    </message>
</context>
<context>
    <name>DesktopApp</name>
    <message>
        <source>Opening the database…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>OrderDesk — create the administrator</source>
        <translation>OrderDesk — create the administrator</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator, who then adds everyone else.</source>
        <translation>This database has no users yet. Create the administrator, who then adds everyone else.</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>Repeat password</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>OrderDesk — log in</source>
        <translation>OrderDesk — log in</translation>
    </message>
    <message>
        <source>Station locked by %1. Log in to continue, or switch user.</source>
        <translation>Station locked by %1. Log in to continue, or switch user.</translation>
    </message>
    <message>
        <source>Log in with your user name and password, or scan your badge.</source>
        <translation>Log in with your user name and password, or scan your badge.</translation>
    </message>
    <message>
        <source>User or badge</source>
        <translation>User or badge</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Type your user name or scan your badge.</source>
        <translation>Type your user name or scan your badge.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>OrderDesk — order hub</source>
        <translation>OrderDesk — order hub</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>User: %1</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Allocation</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <source>Rules that send each order to a warehouse, and the exception queue.</source>
        <translation>Rules that send each order to a warehouse, and the exception queue.</translation>
    </message>
    <message>
        <source>Pick &amp; pack</source>
        <translation>Pick &amp; pack</translation>
    </message>
    <message>
        <source>The packing station: scan the order, every item and the waybill.</source>
        <translation>The packing station: scan the order, every item and the waybill.</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <source>Scan returned parcels back in; refunds get their credit notes.</source>
        <translation>Scan returned parcels back in; refunds get their credit notes.</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Labels</translation>
    </message>
    <message>
        <source>Shipping labels, packing slips and pick lists on any printer.</source>
        <translation>Shipping labels, packing slips and pick lists on any printer.</translation>
    </message>
    <message>
        <source>Customer service</source>
        <translation>Customer service</translation>
    </message>
    <message>
        <source>Every order of a buyer by phone, with its timeline.</source>
        <translation>Every order of a buyer by phone, with its timeline.</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.</source>
        <translation>Queues per warehouse, alerts, delivery accuracy and pay-to-ship time.</translation>
    </message>
    <message numerus="yes">
        <source>Demo: %n new order(s) arrived</source>
        <translation><numerusform>Demo: %n new order arrived</numerusform><numerusform>Demo: %n new orders arrived</numerusform></translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>The new language is used from the next start.</translation>
    </message>
    <message>
        <source>About OrderDesk</source>
        <translation>About OrderDesk</translation>
    </message>
    <message>
        <source>OrderDesk %1 — a light order hub for small e-commerce warehouses.</source>
        <translation>OrderDesk %1 — a light order hub for small e-commerce warehouses.</translation>
    </message>
    <message>
        <source>OrderDesk</source>
        <translation>OrderDesk</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>F5</source>
        <translation>F5</translation>
    </message>
    <message>
        <source>S&amp;witch user…</source>
        <translation>S&amp;witch user…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;Lock station</source>
        <translation>&amp;Lock station</translation>
    </message>
    <message>
        <source>Ctrl+L</source>
        <translation>Ctrl+L</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>&amp;About OrderDesk</source>
        <translation>&amp;About OrderDesk</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Show full phone and address</source>
        <translation>Show full phone and address</translation>
    </message>
    <message>
        <source>Select an order to see its lines and timeline</source>
        <translation>Select an order to see its lines and timeline</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Buyer note</source>
        <translation>Buyer note</translation>
    </message>
    <message>
        <source>Amounts</source>
        <translation>Amounts</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>Paid (¥)</source>
        <translation>Paid (¥)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>What happened</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Lines</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <source>province not recognised</source>
        <translation>province not recognised</translation>
    </message>
    <message>
        <source>Total ¥%1, freight ¥%2, discount ¥%3</source>
        <translation>Total ¥%1, freight ¥%2, discount ¥%3</translation>
    </message>
    <message>
        <source>gift</source>
        <translation>gift</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <source>Order no.</source>
        <translation>Order no.</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>Shop</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>Paid at</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Receiver</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>Total (¥)</source>
        <translation>Total (¥)</translation>
    </message>
    <message>
        <source>Warehouse</source>
        <translation>Warehouse</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <source>Order no. or phone</source>
        <translation>Order no. or phone</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>All channels</translation>
    </message>
    <message>
        <source>All warehouses</source>
        <translation>All warehouses</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message numerus="yes">
        <source>%n new order(s) arrived — press F5 to show them</source>
        <translation><numerusform>%n new order arrived — press F5 to show it</numerusform><numerusform>%n new orders arrived — press F5 to show them</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation><numerusform>%n order</numerusform><numerusform>%n orders</numerusform></translation>
    </message>
    <message>
        <source>Could not load orders</source>
        <translation>Could not load orders</translation>
    </message>
</context>
<context>
    <name>UpcomingView</name>
    <message>
        <source>This screen is not available in this version yet.</source>
        <translation>This screen is not available in this version yet.</translation>
    </message>
</context>
</TS>